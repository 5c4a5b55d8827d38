package com.salespulse.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.MalformedEventException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

class TransientFailureTest {

    @Test
    void aLostOrRefusedConnectionIsTransient() {
        PSQLException refused = new PSQLException(
                "Connection to localhost:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException());
        assertThat(TransientFailure.isTransient(new PersistenceException(
                        new JDBCConnectionException("Unable to acquire JDBC Connection", refused))))
                .isTrue();
        assertThat(TransientFailure.isTransient(
                        new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)))
                .isTrue();
    }

    @Test
    void aServerOutOfConnectionsOrShuttingDownIsTransient() {
        assertThat(TransientFailure.isTransient(
                        new GenericJDBCException("x", new SQLException("too many connections", "53300"))))
                .isTrue();
        assertThat(TransientFailure.isTransient(
                        server("FATAL", "57P01", "terminating connection due to administrator command")))
                .isTrue();
        assertThat(TransientFailure.isTransient(server("FATAL", "57P03", "the database system is starting up")))
                .isTrue();
    }

    @Test
    void aPoolAcquisitionTimeoutWithoutAStateIsTransient() {
        assertThat(TransientFailure.isTransient(new PersistenceException(new GenericJDBCException(
                        "Unable to acquire JDBC Connection", new SQLException("Sorry, acquisition timeout!")))))
                .isTrue();
    }

    @Test
    void aDeadlockOrASerializationFailureIsTransient() {
        assertThat(TransientFailure.isTransient(
                        new LockAcquisitionException("x", new SQLException("deadlock detected", "40P01"))))
                .isTrue();
        assertThat(TransientFailure.isTransient(
                        new PersistenceException(new SQLException("could not serialize access", "40001"))))
                .isTrue();
    }

    @Test
    void aLockTimeoutIsTransient() {
        // SET lock_timeout: the row another transaction holds was not given up in time
        assertThat(TransientFailure.isTransient(new PersistenceException(new LockAcquisitionException(
                        "x", new SQLException("canceling statement due to lock timeout", "55P03")))))
                .isTrue();
    }

    @Test
    void aDatabaseThatEndsTheSessionIsTransientWhateverTheState() {
        // ALTER DATABASE ... ALLOW_CONNECTIONS false: FATAL 55000 to every new connection
        assertThat(TransientFailure.isTransient(
                        server("FATAL", "55000", "database \"x\" is not currently accepting connections")))
                .isTrue();
        // the same state as a plain ERROR is about the statement, not the session
        assertThat(TransientFailure.isTransient(server("ERROR", "55000", "object not in prerequisite state")))
                .isFalse();
    }

    @Test
    void aFailureAtCommitIsFoundAmongTheSuppressed() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(new PersistenceException(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)));
        assertThat(TransientFailure.isTransient(new IllegalStateException(commit)))
                .isTrue();
    }

    @Test
    void aRecordThatFailsForItsOwnSakeIsNotTransient() {
        assertThat(TransientFailure.isTransient(new MalformedEventException("not an alert event")))
                .isFalse();
        assertThat(TransientFailure.isTransient(new IllegalArgumentException("not an alert event: x")))
                .isFalse();
        assertThat(TransientFailure.isTransient(new ConstraintViolationException(
                        "x", new SQLException("duplicate key", "23505"), "alert_pkey")))
                .isFalse();
        assertThat(TransientFailure.isTransient(new PersistenceException(server("ERROR", "22P02", "invalid input"))))
                .isFalse();
        assertThat(TransientFailure.isTransient(null)).isFalse();
    }

    @Test
    void aChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(TransientFailure.isTransient(first)).isFalse();
    }

    private static PSQLException server(String severity, String state, String message) {
        return new PSQLException(
                new ServerErrorMessage("S" + severity + "\0V" + severity + "\0C" + state + "\0M" + message + "\0"));
    }
}
