package com.salespulse.analytics.readmodel;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * Runs a native statement with positional parameters ({@code ?1, ?2 …}). A parameter that may be null is wrapped
 * with {@link #uuid}, {@link #text} or {@link #instant}, so PostgreSQL is told its type even when it is null.
 */
public final class Statements {

    private record Null(Class<?> type) {
    }

    private Statements() {
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static int run(EntityManager em, String sql, Object... params) {
        NativeQuery query = em.createNativeQuery(sql).unwrap(NativeQuery.class);
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Null n) {
                query.setParameter(i + 1, null, n.type());
            } else {
                query.setParameter(i + 1, params[i]);
            }
        }
        return query.executeUpdate();
    }

    public static Object uuid(UUID value) {
        return value == null ? new Null(UUID.class) : value;
    }

    public static Object text(String value) {
        return value == null ? new Null(String.class) : value;
    }

    public static Object instant(Instant value) {
        return value == null ? new Null(Instant.class) : value;
    }
}
