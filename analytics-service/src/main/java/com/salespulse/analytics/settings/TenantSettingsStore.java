package com.salespulse.analytics.settings;

import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Writes the settings only analytics reads: the base currency and the forgotten cards' grace. These are
 * analytics-service's own configuration, not domain facts, so they emit no event (the alert topic is the only one
 * analytics writes to). The time zone, calendar and language are lead-service's ({@link TenantCalendar}).
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

    /** @param forgottenGraceHours null: the default */
    @Transactional
    public void save(String baseCurrency, Integer forgottenGraceHours) {
        em.createNativeQuery("""
                insert into tenant_settings (tenant_id, base_currency, updated_at, updated_by, forgotten_grace_hours)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (tenant_id) do update set base_currency = excluded.base_currency,
                    forgotten_grace_hours = excluded.forgotten_grace_hours,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .setParameter(1, acting.requireTenant())
                .setParameter(2, baseCurrency)
                .setParameter(3, clock.instant())
                .setParameter(4, acting.actor())
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter(5, forgottenGraceHours, Integer.class)
                .executeUpdate();
    }
}
