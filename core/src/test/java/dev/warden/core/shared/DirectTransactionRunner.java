package dev.warden.core.shared;

import java.util.function.Supplier;

/**
 * Runs the work at once, in the caller's thread, with no real transaction and no rollback.
 * It counts how often it was asked and tells whether work is running inside it right now, so a test
 * can check that a write happened within the transaction.
 */
public final class DirectTransactionRunner implements TransactionRunner {
    private int transactions;
    private int depth;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        transactions++;
        depth++;
        try {
            return work.get();
        } finally {
            depth--;
        }
    }

    public int transactionCount() {
        return transactions;
    }

    public boolean isInTransaction() {
        return depth > 0;
    }
}
