package com.salespulse.analytics.readmodel;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Runs a projection's native statement with positional parameters ({@code ?1, ?2 …}; one may appear several times)
 * on the transaction's JDBC connection. A parameter that may be null is wrapped with {@link #uuid}, {@link #text},
 * {@link #instant}, {@link #number} or {@link #date}, so PostgreSQL is told its type even when it is null.
 * <p>
 * Plain JDBC rather than a Hibernate native query: projections run several statements for every event applied, and
 * the JDBC driver keeps each statement prepared on the server, where a native query is parsed again each time.
 */
public final class Statements {

    private record Null(Class<?> type) {}

    /** A statement rewritten for JDBC ({@code ?N} → {@code ?}) and which parameter each placeholder takes. */
    private record Prepared(String jdbcSql, int[] parameterAt) {}

    private static final Pattern POSITIONAL = Pattern.compile("\\?(\\d+)");
    private static final Map<String, Prepared> PREPARED = new ConcurrentHashMap<>();
    /** A set-based statement's columns: its {@code ?}, one array each. */
    private static final Map<String, Integer> COLUMNS = new ConcurrentHashMap<>();

    private Statements() {}

    /** @return the number of rows the statement changed */
    public static int run(EntityManager em, String sql, Object... params) {
        Prepared prepared = PREPARED.computeIfAbsent(sql, Statements::prepare);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(prepared.jdbcSql())) {
                for (int i = 0; i < prepared.parameterAt().length; i++) {
                    bind(statement, i + 1, params[prepared.parameterAt()[i] - 1]);
                }
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs a statement over many rows at once. Its SQL takes the rows as one array per column, each a {@code ?} cast to
     * the column's array type ({@code from unnest(?::int[], ?::text[], ?::uuid[]) v(gen, tenant_id, lead_id)}), in the
     * order of a row's values; every row has a value per {@code ?} (null allowed). PostgreSQL runs the statement once
     * for all the rows: one execution, one plan, one pass over each index, instead of one per row.
     * <p>
     * The arrays travel as text and are parsed by PostgreSQL into the cast's type: an {@link Instant} as its ISO form
     * (always with its zone), a {@link BigDecimal} as plain digits, anything else as its {@code toString()}.
     *
     * @return the number of rows the statement changed
     */
    public static int runRows(EntityManager em, String sql, List<Object[]> rows) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int columns = COLUMNS.computeIfAbsent(
                        sql, text -> (int) text.chars().filter(c -> c == '?').count());
                for (int column = 0; column < columns; column++) {
                    String[] values = new String[rows.size()];
                    for (int row = 0; row < values.length; row++) {
                        values[row] = asText(rows.get(row)[column]);
                    }
                    statement.setArray(column + 1, connection.createArrayOf("text", values));
                }
                return statement.executeUpdate();
            }
        });
    }

    private static String asText(Object value) {
        if (value == null || value instanceof Null) {
            return null;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString();
    }

    public static Object uuid(UUID value) {
        return nullable(value, UUID.class);
    }

    public static Object text(String value) {
        return nullable(value, String.class);
    }

    public static Object instant(Instant value) {
        return nullable(value, Instant.class);
    }

    public static Object number(BigDecimal value) {
        return nullable(value, BigDecimal.class);
    }

    public static Object date(LocalDate value) {
        return nullable(value, LocalDate.class);
    }

    private static Object nullable(Object value, Class<?> type) {
        return value == null ? new Null(type) : value;
    }

    private static Prepared prepare(String sql) {
        List<Integer> order = new ArrayList<>();
        Matcher matcher = POSITIONAL.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            order.add(Integer.parseInt(matcher.group(1)));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        return new Prepared(
                jdbc.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            // untyped: fine where PostgreSQL can infer the type from the column it goes to
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Null n) {
            statement.setNull(index, sqlType(n.type()));
        } else if (value instanceof Instant instant) {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }

    private static int sqlType(Class<?> type) {
        if (type == UUID.class) {
            return Types.OTHER;
        }
        if (type == Instant.class) {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        }
        if (type == BigDecimal.class) {
            return Types.NUMERIC;
        }
        if (type == LocalDate.class) {
            return Types.DATE;
        }
        return Types.VARCHAR;
    }
}
