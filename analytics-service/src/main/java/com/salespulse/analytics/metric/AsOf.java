package com.salespulse.analytics.metric;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A "now" metric's {@code asOf=}: a day (YYYY-MM-DD: the end of that day in the tenant's zone, or the moment of the
 * query when the day is today) or an instant (ISO-8601 with Z or an offset). {@link AsOfConverter} reads it and answers
 * a malformed one with a 400 naming {@code asOf}; {@link AsOfRequests} refuses one in the future or before the
 * tenant's history.
 */
public record AsOf(LocalDate day, Instant instant) {

    public static final String PARAM = "asOf";

    /** Added for the metrics with no period of their own (load, forgotten cards). */
    public static final String DAY_PERIOD = " The answer's period is the day asked about.";

    /** The parameter's OpenAPI description, the same on each metric that takes it. */
    public static final String DESCRIPTION = "The figures and drill-down as they were at a past moment instead of now: "
            + "a day (YYYY-MM-DD: the end of that day in the tenant's time zone; today: the moment of the query, so "
            + "the answer is the live one) or an instant (2026-11-20T15:00:00Z). Read from the read model's history "
            + "of each card's and task's state. In the future, before the tenant's history begins (its first card or "
            + "task) or malformed: a 400 naming asOf.";

    /** The value, or null when it is neither a day nor an instant of the years 1900–2100. */
    static AsOf parse(String text) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return inRange(day.getYear()) ? new AsOf(day, null) : null;
            }
            Instant instant = java.time.OffsetDateTime.parse(text).toInstant();
            return inRange(instant.atOffset(ZoneOffset.UTC).getYear()) ? new AsOf(null, instant) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The moment meant, in the tenant's zone: the last microsecond of the day, or the instant. */
    Instant moment(ZoneId zone) {
        return day != null ? day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1_000) : instant;
    }

    private static boolean inRange(int year) {
        return year >= 1900 && year <= 2100;
    }

    @Override
    public String toString() {
        return day != null ? day.toString() : instant.toString();
    }
}
