package dev.warden.core.shared;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the work at once, like {@link DirectTransactionRunner}, but behaves like a database on failure: it takes a
 * snapshot of the given in-memory fakes when the outermost transaction starts and, when the work throws, puts
 * them back before rethrowing. Build it with the fakes' {@code snapshot} methods:
 * {@code new RollingBackTransactionRunner(directory::snapshot, audit::snapshot, tokens::snapshot)}.
 */
public final class RollingBackTransactionRunner implements TransactionRunner {
    private final List<Supplier<Runnable>> stores;
    private int depth;
    private int transactions;
    private int rollbacks;

    @SafeVarargs
    public RollingBackTransactionRunner(Supplier<Runnable>... stores) {
        this.stores = List.of(stores);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        transactions++;
        if (depth > 0) {
            return nested(work);
        }
        List<Runnable> restores = stores.stream().map(Supplier::get).toList();
        try {
            return nested(work);
        } catch (RuntimeException | Error failure) {
            restores.forEach(Runnable::run);
            rollbacks++;
            throw failure;
        }
    }

    /** How often work was handed to this runner, nested calls included (as {@link DirectTransactionRunner} counts). */
    public int transactionCount() {
        return transactions;
    }

    /** Whether work is running inside this runner right now: a test can check that a write happened within it. */
    public boolean isInTransaction() {
        return depth > 0;
    }

    /** How many transactions were rolled back. */
    public int rollbackCount() {
        return rollbacks;
    }

    private <T> T nested(Supplier<T> work) {
        depth++;
        try {
            return work.get();
        } finally {
            depth--;
        }
    }
}
