package com.salespulse.analytics.settings;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's calendar and settings: the time zone days are cut in, the weekly days off, and the exceptions
 * (holidays, weekend days made working, shortened days); the base currency, the language labels are shown in
 * ({@code ru} or {@code en}) and how long a card without a task is given before it counts as forgotten. Immutable;
 * read it once per request.
 */
public record WorkCalendar(
        ZoneId zone,
        String baseCurrency,
        Set<DayOfWeek> weekendDays,
        Map<LocalDate, DayKind> exceptions,
        String language,
        Duration forgottenGrace) {

    public WorkCalendar {
        weekendDays = Set.copyOf(weekendDays);
        exceptions = Map.copyOf(exceptions);
    }

    /** The English labels and no grace: for code that only counts days. */
    public WorkCalendar(
            ZoneId zone, String baseCurrency, Set<DayOfWeek> weekendDays, Map<LocalDate, DayKind> exceptions) {
        this(zone, baseCurrency, weekendDays, exceptions, "en", Duration.ZERO);
    }

    /** A working day: not a weekly day off unless declared working, and not a holiday. A shortened day works. */
    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = exceptions.get(day);
        if (kind != null) {
            return kind != DayKind.HOLIDAY;
        }
        return !weekendDays.contains(day.getDayOfWeek());
    }

    /** Working days from {@code from} to {@code to}, both inclusive; zero when {@code to} is before {@code from}. */
    public int workingDays(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
