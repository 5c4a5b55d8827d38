package com.salespulse.analytics.readmodel;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
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
    /** A {@code ?} of a set-based statement, with its array cast when it has one. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\?\\s*::\\s*(\\w+)\\[]|cast\\(\\s*\\?\\s+as\\s+(\\w+)\\[]\\s*\\)|\\?", Pattern.CASE_INSENSITIVE);
    /** A set-based statement's columns: its {@code ?}, one array each, by the element type each is cast to. */
    private static final Map<String, String[]> CASTS = new ConcurrentHashMap<>();

    private static final long EPOCH_YEAR_1 = LocalDate.of(1, 1, 1).toEpochDay() * 86_400;
    private static final long EPOCH_YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

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
     * A column cast to {@code int[]} or {@code boolean[]} whose values are all {@link Integer}s or {@link Boolean}s
     * (or null) travels as that array type, in the driver's binary form; any other column travels as text and is
     * parsed by PostgreSQL into the cast's type: an {@link Instant} as its ISO form (always with its zone), a
     * {@link BigDecimal} as plain digits, anything else as its {@code toString()}.
     *
     * @return the number of rows the statement changed
     */
    public static int runRows(EntityManager em, String sql, List<Object[]> rows) {
        return prepareRows(em, sql, rows).getAsInt();
    }

    /**
     * {@link #runRows} in two parts: the rows are turned into the statement's arrays now (Java work only), and the
     * statement runs when the answer is asked for. A batch builds its arrays before it takes its locks, so it holds
     * them while PostgreSQL works, not while Java does.
     *
     * @return runs the statement, answering the number of rows it changed
     */
    public static IntSupplier prepareRows(EntityManager em, String sql, List<Object[]> rows) {
        String[] casts = CASTS.computeIfAbsent(sql, Statements::casts);
        Session session = em.unwrap(Session.class);
        Array[] arrays = session.doReturningWork(connection -> {
            Array[] columns = new Array[casts.length];
            for (int column = 0; column < casts.length; column++) {
                columns[column] = column(connection, casts[column], rows, column);
            }
            return columns;
        });
        return () -> session.doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int column = 0; column < arrays.length; column++) {
                    statement.setArray(column + 1, arrays[column]);
                }
                return statement.executeUpdate();
            }
        });
    }

    /** One column of the rows as an array: typed where the cast and the values allow, else text. */
    private static Array column(Connection connection, String cast, List<Object[]> rows, int column)
            throws SQLException {
        int size = rows.size();
        Class<?> typed = "int".equals(cast) ? Integer.class : "boolean".equals(cast) ? Boolean.class : null;
        if (typed != null) {
            Object[] values = typed == Integer.class ? new Integer[size] : new Boolean[size];
            for (int row = 0; row < size; row++) {
                Object value = rows.get(row)[column];
                if (value instanceof Null) {
                    value = null;
                }
                if (value != null && value.getClass() != typed) {
                    typed = null;
                    break;
                }
                values[row] = value;
            }
            if (typed != null) {
                return connection.createArrayOf(typed == Integer.class ? "int4" : "bool", values);
            }
        }
        String[] values = new String[size];
        for (int row = 0; row < size; row++) {
            values[row] = asText(rows.get(row)[column]);
        }
        return connection.createArrayOf("text", values);
    }

    static String asText(Object value) {
        if (value == null || value instanceof Null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return isoText(instant);
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString();
    }

    /**
     * The same text as {@link Instant#toString()} (its fraction in groups of three digits, none when whole), written
     * without a {@code DateTimeFormatter}: the batch's instants are most of the text its arrays carry.
     */
    static String isoText(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < EPOCH_YEAR_1 || seconds >= EPOCH_YEAR_10000) {
            return instant.toString();
        }
        long day = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nanos = instant.getNano();
        char[] text = new char[30];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int end = 19;
        if (nanos != 0) {
            text[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, end, nanos / 1_000_000, 3);
                end += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, end, nanos / 1_000, 6);
                end += 6;
            } else {
                digits(text, end, nanos, 9);
                end += 9;
            }
        }
        text[end++] = 'Z';
        return new String(text, 0, end);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Each {@code ?}'s cast in a set-based statement, in order: the element type of {@code ?::type[]} or
     * {@code cast(? as type[])}, or null when it has none of those.
     */
    private static String[] casts(String sql) {
        List<String> casts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(sql);
        while (matcher.find()) {
            String cast = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            casts.add(cast == null ? null : cast.toLowerCase(Locale.ROOT));
        }
        return casts.toArray(String[]::new);
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
