package com.salespulse.messaging.inbox;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Whether a failure says "the database cannot be used right now" rather than "this record is wrong": a record whose
 * apply failed transiently is applied again later, never dead-lettered. A pure function over the exception chain
 * (causes and suppressed exceptions, which is where Narayana puts what failed at commit).
 *
 * <p>Transient:
 *
 * <ul>
 *   <li>SQL states of class 08 (connection), 53 (insufficient resources), 57 (operator intervention: shutdown,
 *       cannot connect now, query cancelled), 40001 (serialization failure), 40P01 (deadlock) and 55P03 (lock not
 *       available: a lock timeout);
 *   <li>a {@link SQLException} without a state: the pool or the driver failed before any server answered (Agroal's
 *       acquisition timeout, which Hibernate wraps as {@code GenericJDBCException});
 *   <li>a FATAL or PANIC error from the server: it ended the session (a database that does not accept connections,
 *       a terminated backend), whatever the state;
 *   <li>the JDBC types for it ({@link SQLTransientException}, {@link SQLRecoverableException}) and socket failures.
 * </ul>
 *
 * Anything else (a constraint, a data error, an exception of the model) fails for the record's own sake.
 */
public final class TransientFailure {

    private static final int MAX_DEPTH = 32;

    private TransientFailure() {}

    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toSee = new ArrayDeque<>();
        if (failure != null) {
            toSee.add(failure);
        }
        while (!toSee.isEmpty() && seen.size() < MAX_DEPTH) {
            Throwable one = toSee.pop();
            if (!seen.add(one)) {
                continue;
            }
            if (transientItself(one)) {
                return true;
            }
            if (one.getCause() != null) {
                toSee.add(one.getCause());
            }
            if (one instanceof SQLException sql && sql.getNextException() != null) {
                toSee.add(sql.getNextException());
            }
            for (Throwable suppressed : one.getSuppressed()) {
                toSee.add(suppressed);
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable failure) {
        if (failure instanceof SQLTransientException
                || failure instanceof SQLRecoverableException
                || failure instanceof SocketException
                || failure instanceof SocketTimeoutException) {
            return true;
        }
        if (!(failure instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        if (state == null || state.isBlank()) {
            return true;
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
            return true;
        }
        if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
            return true;
        }
        return sql instanceof PSQLException psql && sessionEnded(psql.getServerErrorMessage());
    }

    private static boolean sessionEnded(ServerErrorMessage message) {
        if (message == null) {
            return false;
        }
        String severity = message.getSeverity();
        return "FATAL".equals(severity) || "PANIC".equals(severity);
    }
}
