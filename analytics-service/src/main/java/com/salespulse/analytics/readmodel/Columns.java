package com.salespulse.analytics.readmodel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads native-query columns whatever JDBC type the driver handed back. */
public final class Columns {

    private Columns() {}

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    public static LocalDate date(Object value) {
        return value instanceof LocalDate date ? date : ((java.sql.Date) value).toLocalDate();
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static UUID uuid(Object value) {
        return (UUID) value;
    }
}
