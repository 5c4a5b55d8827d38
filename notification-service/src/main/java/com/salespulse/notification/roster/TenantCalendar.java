package com.salespulse.notification.roster;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's time zone and working-day calendar as lead-service's tenant settings say (the replica kept by
 * {@link TenantCalendars}): the weekly days off, and the dates that depart from them — HOLIDAY (a day off), WORKING
 * (a weekend day made working) or SHORT (a shortened working day, still working).
 */
public record TenantCalendar(ZoneId zone, Set<DayOfWeek> weekendDays, Map<LocalDate, String> days, String language) {

    /** What a tenant that never changed its settings has: lead-service's defaults. */
    public static TenantCalendar defaults() {
        return new TenantCalendar(
                ZoneId.of("Europe/Moscow"), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Map.of(), "ru");
    }

    public boolean isWorkingDay(LocalDate date) {
        String kind = days.get(date);
        if (kind != null) {
            return !"HOLIDAY".equals(kind);
        }
        return !weekendDays.contains(date.getDayOfWeek());
    }
}
