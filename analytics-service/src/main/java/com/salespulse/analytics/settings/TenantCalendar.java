package com.salespulse.analytics.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tenant's settings and calendar, falling back to the defaults for a tenant that set nothing. Metrics read
 * the calendar here to cut days in the tenant's zone and to count working days.
 */
@ApplicationScoped
public class TenantCalendar {

    private final EntityManager em;
    private final SettingsDefaults defaults;

    public TenantCalendar(EntityManager em, SettingsDefaults defaults) {
        this.em = em;
        this.defaults = defaults;
    }

    public ZoneId zone(String tenant) {
        return calendar(tenant).zone();
    }

    /** The tenant's whole calendar (every exception date it has). */
    @Transactional
    public WorkCalendar calendar(String tenant) {
        List<?> rows = em.createNativeQuery(
                        "select time_zone, base_currency, weekend_days, language, forgotten_grace_hours from tenant_settings "
                                + "where tenant_id = ?1")
                .setParameter(1, tenant)
                .getResultList();
        ZoneId zone = defaults.timeZone();
        String currency = defaults.baseCurrency();
        Set<DayOfWeek> weekend = defaults.weekendDays();
        String language = defaults.language();
        int graceHours = defaults.forgottenGraceHours();
        if (!rows.isEmpty()) {
            Object[] row = (Object[]) rows.get(0);
            zone = ZoneId.of((String) row[0]);
            currency = ((String) row[1]).trim();
            weekend = parseWeekend((String) row[2]);
            language = row[3] != null ? (String) row[3] : language;
            graceHours = row[4] != null ? ((Number) row[4]).intValue() : graceHours;
        }
        Map<LocalDate, DayKind> exceptions = new HashMap<>();
        for (Object found : em.createNativeQuery("select day, kind from tenant_calendar_day where tenant_id = ?1")
                .setParameter(1, tenant)
                .getResultList()) {
            Object[] row = (Object[]) found;
            exceptions.put(toLocalDate(row[0]), DayKind.valueOf((String) row[1]));
        }
        return new WorkCalendar(zone, currency, weekend, exceptions, language, java.time.Duration.ofHours(graceHours));
    }

    static Set<DayOfWeek> parseWeekend(String isoNumbers) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : isoNumbers.split(",")) {
            if (!part.isBlank()) {
                days.add(DayOfWeek.of(Integer.parseInt(part.trim())));
            }
        }
        return days;
    }

    static LocalDate toLocalDate(Object value) {
        return value instanceof LocalDate date ? date : ((java.sql.Date) value).toLocalDate();
    }
}
