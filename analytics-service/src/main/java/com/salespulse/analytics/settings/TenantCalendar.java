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
 * the calendar here to cut days in the tenant's zone and to count working days. The time zone, weekly days off,
 * calendar days and language are lead-service's, as the live generation of the read model has them from its
 * {@code roster.tenant-settings-changed} ({@code projection/TenantCalendarProjection}); the base currency and the
 * forgotten cards' grace are analytics' own ({@link TenantSettingsStore}).
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
        return read(tenant).calendar();
    }

    /** The calendar and the version of lead-service's settings it was made from (0: none arrived, the defaults). */
    public record Versioned(WorkCalendar calendar, long version) {}

    @Transactional
    public Versioned read(String tenant) {
        ZoneId zone = defaults.timeZone();
        String currency = defaults.baseCurrency();
        Set<DayOfWeek> weekend = defaults.weekendDays();
        String language = defaults.language();
        int graceHours = defaults.forgottenGraceHours();
        long version = 0;
        List<?> own = em.createNativeQuery(
                        "select base_currency, forgotten_grace_hours from tenant_settings where tenant_id = ?1")
                .setParameter(1, tenant)
                .getResultList();
        if (!own.isEmpty()) {
            Object[] row = (Object[]) own.get(0);
            currency = ((String) row[0]).trim();
            graceHours = row[1] != null ? ((Number) row[1]).intValue() : graceHours;
        }
        List<?> fromLead = em.createNativeQuery("""
                        select c.time_zone, c.weekend_days, c.language, c.version from tenant_calendar c
                        join read_model_generation g on c.gen = g.live_gen where c.tenant_id = ?1""").setParameter(1, tenant).getResultList();
        Map<LocalDate, DayKind> exceptions = new HashMap<>();
        if (!fromLead.isEmpty()) {
            Object[] row = (Object[]) fromLead.get(0);
            zone = ZoneId.of((String) row[0]);
            weekend = parseWeekend((String) row[1]);
            language = (String) row[2];
            version = ((Number) row[3]).longValue();
            for (Object found :
                    em.createNativeQuery("""
                            select d.day, d.kind from tenant_calendar_day d
                            join read_model_generation g on d.gen = g.live_gen where d.tenant_id = ?1""").setParameter(1, tenant).getResultList()) {
                Object[] day = (Object[]) found;
                exceptions.put(toLocalDate(day[0]), DayKind.valueOf((String) day[1]));
            }
        }
        return new Versioned(
                new WorkCalendar(zone, currency, weekend, exceptions, language, java.time.Duration.ofHours(graceHours)),
                version);
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
