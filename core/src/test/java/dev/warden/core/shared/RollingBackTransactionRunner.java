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
    private Supplier<Runnable> commitCheck = () -> () -> {};
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
        Runnable check = commitCheck.get();
        try {
            T result = nested(work);
            check.run();
            return result;
        } catch (RuntimeException | Error failure) {
            restores.forEach(Runnable::run);
            rollbacks++;
            throw failure;
        }
    }

    /**
     * Checks every transaction that completes: {@code check} is asked when the outermost transaction starts and the
     * {@link Runnable} it returns runs when the work has completed, before it "commits"; it throws to fail the test
     * (and the transaction is rolled back like any other failure).
     */
    public RollingBackTransactionRunner checkingEachCommit(Supplier<Runnable> check) {
        this.commitCheck = check;
        return this;
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
