package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are "the database is out of reach" (503) and which stay what they were. */
class DatabaseUnavailableTest {
    private static final SQLTransientConnectionException POOL_TIMEOUT = new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out after 2000ms", new ConnectException());

    @Test
    void noConnectionWithinTheTimeoutIsUnreachable() {
        assertThat(DatabaseUnavailable.reasonOf(new CannotGetJdbcConnectionException("no", POOL_TIMEOUT)))
                .isEqualTo(DatabaseUnavailable.UNREACHABLE);
        assertThat(DatabaseUnavailable.reasonOf(new CannotCreateTransactionException("no", POOL_TIMEOUT)))
                .isEqualTo(DatabaseUnavailable.UNREACHABLE);
    }

    @Test
    void aConnectionLostUnderAStatementIsUnreachable() {
        assertThat(DatabaseUnavailable.reasonOf(new RecoverableDataAccessException("Communications link failure")))
                .isEqualTo(DatabaseUnavailable.UNREACHABLE);
    }

    @Test
    void aFailedRollbackAfterALostCommitIsJudgedByTheCommit() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new RecoverableDataAccessException("JDBC commit; Communications link"));

        assertThat(DatabaseUnavailable.reasonOf(rollback)).isEqualTo(DatabaseUnavailable.UNREACHABLE);
        assertThat(DatabaseUnavailable.reasonOf(new TransactionSystemException("other", new SQLException("x"))))
                .isNull();
    }

    @Test
    void isFoundUnderWrappers() {
        InternalAuthenticationServiceException signIn = new InternalAuthenticationServiceException(
                "lookup failed", new CannotGetJdbcConnectionException("no", POOL_TIMEOUT));

        assertThat(DatabaseUnavailable.reasonOf(new ServletException("sign-in", signIn)))
                .isEqualTo(DatabaseUnavailable.UNREACHABLE);
    }

    @Test
    void transientRefusalsAreBusy() {
        assertThat(DatabaseUnavailable.reasonOf(new CannotAcquireLockException("lock wait timeout")))
                .isEqualTo(DatabaseUnavailable.BUSY);
        assertThat(DatabaseUnavailable.reasonOf(new OptimisticLockingFailureException("deleted meanwhile")))
                .isEqualTo(DatabaseUnavailable.BUSY);
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailable.reasonOf(new DataIntegrityViolationException("duplicate")))
                .isNull();
        assertThat(DatabaseUnavailable.reasonOf(new IllegalStateException("bug")))
                .isNull();
        assertThat(DatabaseUnavailable.reasonOf(new SQLException("syntax"))).isNull();
    }

    @Test
    void theApiAnswerIsTemporarilyUnavailableWithTheReason() {
        ApiError error = DatabaseUnavailable.error(DatabaseUnavailable.UNREACHABLE);

        assertThat(error.errorCode()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(error.details().get(0).reason()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(error.message()).contains("Retry in 5 seconds");
    }
}
