package com.salespulse.notification.roster;

import com.salespulse.contract.roster.TenantSettingsChanged;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The replica of each tenant's time zone and working-day calendar, from lead-service's
 * {@code salespulse.roster.tenant-settings-changed} (written by {@link RosterInbox}; read by the daily digest). Plain
 * SQL naming the tenant acted for, as {@link Roster}. An event older than the one applied (a lower settings version)
 * changes nothing.
 */
@ApplicationScoped
public class TenantCalendars {

    private final EntityManager em;
    private final ActingScope acting;

    public TenantCalendars(EntityManager em, ActingScope acting) {
        this.em = em;
        this.acting = acting;
    }

    /** The calendar of the tenant acted for; the defaults until its settings were changed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TenantCalendar current() {
        String tenant = acting.requireTenant();
        List<?> rows = em.createNativeQuery(
                        "select time_zone, weekend_days, language from tenant_calendar where tenant_id = ?1")
                .setParameter(1, tenant)
                .getResultList();
        if (rows.isEmpty()) {
            return TenantCalendar.defaults();
        }
        Object[] row = (Object[]) rows.get(0);
        Map<LocalDate, String> days = new HashMap<>();
        for (Object found : em.createNativeQuery("select day, kind from tenant_calendar_day where tenant_id = ?1")
                .setParameter(1, tenant)
                .getResultList()) {
            Object[] day = (Object[]) found;
            LocalDate date = day[0] instanceof LocalDate d ? d : ((java.sql.Date) day[0]).toLocalDate();
            days.put(date, (String) day[1]);
        }
        return new TenantCalendar(ZoneId.of((String) row[0]), weekend((String) row[1]), days, (String) row[2]);
    }

    /** Applies the settings after a change, unless a later version is already here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(TenantSettingsChanged.Settings after, long version, Instant changedAt) {
        String tenant = acting.requireTenant();
        List<DayOfWeek> weekend =
                after.weekendDays() == null ? List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY) : after.weekendDays();
        int written = em.createNativeQuery("""
                insert into tenant_calendar (tenant_id, time_zone, weekend_days, language, version, changed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (tenant_id) do update set time_zone = excluded.time_zone,
                    weekend_days = excluded.weekend_days, language = excluded.language, version = excluded.version,
                    changed_at = excluded.changed_at
                where tenant_calendar.version < excluded.version""")
                .setParameter(1, tenant)
                .setParameter(2, after.timeZone())
                .setParameter(
                        3,
                        weekend.stream()
                                .map(d -> String.valueOf(d.getValue()))
                                .sorted()
                                .collect(Collectors.joining(",")))
                .setParameter(4, after.language() == null ? "ru" : after.language())
                .setParameter(5, version)
                .setParameter(6, changedAt)
                .executeUpdate();
        if (written == 0) {
            return; // a newer version is already applied
        }
        em.createNativeQuery("delete from tenant_calendar_day where tenant_id = ?1")
                .setParameter(1, tenant)
                .executeUpdate();
        if (after.calendarDays() != null) {
            for (TenantSettingsChanged.CalendarDay day : after.calendarDays()) {
                em.createNativeQuery("insert into tenant_calendar_day (tenant_id, day, kind) values (?1, ?2, ?3)")
                        .setParameter(1, tenant)
                        .setParameter(2, day.date())
                        .setParameter(3, day.kind())
                        .executeUpdate();
            }
        }
    }

    private static Set<DayOfWeek> weekend(String isoNumbers) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : isoNumbers.split(",")) {
            if (!part.isBlank()) {
                days.add(DayOfWeek.of(Integer.parseInt(part.trim())));
            }
        }
        return days;
    }
}
