package com.salespulse.analytics.settings;

import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a tenant's settings and calendar exceptions. These are analytics-service's own configuration, not domain
 * facts, so they emit no event (the alert topic is the only one analytics writes to).
 */
@ApplicationScoped
public class TenantSettingsStore {

    private final EntityManager em;
    private final Clock clock;
    private final ActingScope acting;

    public TenantSettingsStore(EntityManager em, Clock clock, ActingScope acting) {
        this.em = em;
        this.clock = clock;
        this.acting = acting;
    }

    @Transactional
    public void save(TenantSettingsView settings) {
        String weekend = settings.weekendDays().stream()
                .map(DayOfWeek::getValue)
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(","));
        em.createNativeQuery("""
                insert into tenant_settings (tenant_id, time_zone, base_currency, weekend_days, updated_at, updated_by,
                    language, forgotten_grace_hours)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                on conflict (tenant_id) do update set time_zone = excluded.time_zone,
                    base_currency = excluded.base_currency, weekend_days = excluded.weekend_days,
                    language = excluded.language, forgotten_grace_hours = excluded.forgotten_grace_hours,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .setParameter(1, acting.requireTenant())
                .setParameter(2, settings.timeZone())
                .setParameter(3, settings.baseCurrency())
                .setParameter(4, weekend)
                .setParameter(5, clock.instant())
                .setParameter(6, acting.actor())
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter(7, settings.language(), String.class)
                .setParameter(8, settings.forgottenGraceHours(), Integer.class)
                .executeUpdate();
    }

    @Transactional
    public void setDay(LocalDate day, DayKind kind) {
        em.createNativeQuery("""
                insert into tenant_calendar_day (tenant_id, day, kind) values (?1, ?2, ?3)
                on conflict (tenant_id, day) do update set kind = excluded.kind""")
                .setParameter(1, acting.requireTenant())
                .setParameter(2, day)
                .setParameter(3, kind.name())
                .executeUpdate();
    }

    /** @return true when the date had an exception */
    @Transactional
    public boolean clearDay(LocalDate day) {
        return em.createNativeQuery("delete from tenant_calendar_day where tenant_id = ?1 and day = ?2")
                        .setParameter(1, acting.requireTenant())
                        .setParameter(2, day)
                        .executeUpdate()
                == 1;
    }

    /** Replaces every exception of the year with the file's, in one transaction. */
    @Transactional
    public void replaceYear(int year, Map<LocalDate, DayKind> days) {
        em.createNativeQuery("delete from tenant_calendar_day where tenant_id = ?1 and day >= ?2 and day < ?3")
                .setParameter(1, acting.requireTenant())
                .setParameter(2, LocalDate.of(year, 1, 1))
                .setParameter(3, LocalDate.of(year + 1, 1, 1))
                .executeUpdate();
        days.forEach(this::setDay);
    }
}
