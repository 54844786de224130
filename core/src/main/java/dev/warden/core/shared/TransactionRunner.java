package dev.warden.core.shared;

import java.util.function.Supplier;

/** Port: runs work in one transaction, so a state change and its audit record commit together. */
public interface TransactionRunner {
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
