package dev.warden.web.shared;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure to reach the database (or a transient refusal by it) from any other failure, so that it is
 * answered 503 {@code TEMPORARILY_UNAVAILABLE} with {@code Retry-After} instead of a 500: the request did not
 * happen as far as the caller knows, and the same request may succeed a few seconds later.
 * <p>
 * What the stack throws when the database is gone: a request that cannot get a pooled connection within
 * Hikari's {@code connection-timeout} gets {@code CannotGetJdbcConnectionException} (a
 * {@link DataAccessResourceFailureException}) from {@code JdbcClient}, or {@link CannotCreateTransactionException}
 * when the first call of a transaction opens it; a connection that breaks under a running statement gives
 * {@link RecoverableDataAccessException} (the driver's {@code CommunicationsException}) or a
 * {@link DataAccessResourceFailureException} (SQL state 08); a commit whose connection breaks, followed by a
 * rollback that cannot reach the database either, gives a {@link TransactionSystemException} carrying the commit's
 * failure. The raw JDBC connection exceptions are listed too, for a path that does not translate them. With
 * MariaDB Connector/J's multi-host URLs (a Galera cluster) a connection that lost its node inside a transaction is
 * reconnected to the next node and the statement fails with {@link SQLTransientConnectionException} (translated to
 * a {@link TransientDataAccessResourceException}): the transaction is gone, so that is a 503 too.
 */
public final class DatabaseUnavailable {
    /** Seconds a client should wait before retrying; Warden recovers within this of the database coming back. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The reason code in the error details when the database cannot be reached. */
    public static final String UNREACHABLE = "DATABASE_UNAVAILABLE";

    /** The reason code when the database answered but refused for now (lock wait timeout, deadlock, a race). */
    public static final String BUSY = "DATABASE_BUSY";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailable.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicLong NEXT_WARNING = new AtomicLong(System.nanoTime());

    private DatabaseUnavailable() {}

    /**
     * The reason code if {@code failure} or one of its causes says the database is out of reach or transiently
     * refusing, else null.
     */
    public static String reasonOf(Throwable failure) {
        String reason = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isUnreachable(cause)) {
                return UNREACHABLE;
            }
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                // a commit that lost its connection, then a rollback that could not reach the database either:
                // the commit's failure says why
                String commit = reasonOf(rollback.getApplicationException());
                if (commit != null) {
                    return commit;
                }
            }
            if (reason == null && cause instanceof TransientDataAccessException) {
                reason = BUSY;
            }
        }
        return reason;
    }

    /** The body of the API's answer. */
    public static ApiError error(String reason) {
        String message = UNREACHABLE.equals(reason)
                ? "Warden cannot reach its database just now. Retry in " + RETRY_AFTER_SECONDS + " seconds."
                : "Warden's database is busy and could not complete the request. Retry in " + RETRY_AFTER_SECONDS
                        + " seconds.";
        return ApiError.withReason(ApiError.TEMPORARILY_UNAVAILABLE, message, reason, null);
    }

    /**
     * Logs a 503 answer: one line (no stack trace) at WARN at most every ten seconds, so an outage under load
     * does not flood the log; every answer at DEBUG.
     */
    public static void report(String reason, Throwable failure) {
        long now = System.nanoTime();
        long next = NEXT_WARNING.get();
        if (now - next >= 0 && NEXT_WARNING.compareAndSet(next, now + WARN_EVERY_NANOS)) {
            LOG.warn("Answering 503 ({}): {}", reason, rootMessage(failure));
        } else {
            LOG.debug("Answering 503 ({}): {}", reason, rootMessage(failure));
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure.getClass().getSimpleName() + " caused by " + root;
    }

    private static boolean isUnreachable(Throwable cause) {
        return cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessResourceException
                || cause instanceof RecoverableDataAccessException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException;
    }
}
