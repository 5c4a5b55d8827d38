package com.salespulse.notification.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A subscriber's daily quiet period in their time zone, {@code from} inclusive to {@code to} exclusive; it may span
 * midnight (22:00 to 08:00). A message due inside it waits for its end: delayed, never dropped.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    /** When the quiet period that {@code now} falls in ends; empty when {@code now} is not quiet. */
    public Optional<Instant> endIfQuiet(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        if (from.isBefore(to)) {
            boolean quiet = !time.isBefore(from) && time.isBefore(to);
            return quiet ? Optional.of(at(date, to)) : Optional.empty();
        }
        // spans midnight: quiet from 'from' to the end of the day, and from the start of the day to 'to'
        if (!time.isBefore(from)) {
            return Optional.of(at(date.plusDays(1), to));
        }
        if (time.isBefore(to)) {
            return Optional.of(at(date, to));
        }
        return Optional.empty();
    }

    private Instant at(LocalDate date, LocalTime time) {
        // ZonedDateTime moves a time that falls in a daylight-saving gap forward, so the end always exists
        return ZonedDateTime.of(date, time, zone).toInstant();
    }
}
