package com.salespulse.analytics.alert;

import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** A tenant's thresholds: its own values over the defaults. */
@ApplicationScoped
public class AlertThresholds {

    private final EntityManager em;
    private final Clock clock;
    private final ActingScope acting;

    public AlertThresholds(EntityManager em, Clock clock, ActingScope acting) {
        this.em = em;
        this.clock = clock;
        this.acting = acting;
    }

    /** Every threshold, the acting tenant's value where it set one. */
    @Transactional
    public Map<Threshold, BigDecimal> current() {
        Map<Threshold, BigDecimal> values = new EnumMap<>(Threshold.class);
        for (Threshold threshold : Threshold.values()) {
            values.put(threshold, threshold.defaultValue());
        }
        for (Object found : em.createNativeQuery("select name, value from alert_threshold where tenant_id = ?1")
                .setParameter(1, acting.tenant())
                .getResultList()) {
            Object[] row = (Object[]) found;
            try {
                values.put(Threshold.valueOf((String) row[0]), (BigDecimal) row[1]);
            } catch (IllegalArgumentException e) {
                // a threshold that no longer exists: ignored
            }
        }
        return values;
    }

    @Transactional
    public void set(Map<Threshold, BigDecimal> changes) {
        String tenant = acting.requireTenant();
        String actor = acting.actor();
        changes.forEach((threshold, value) -> em.createNativeQuery("""
                insert into alert_threshold (tenant_id, name, value, updated_at, updated_by) values (?1, ?2, ?3, ?4, ?5)
                on conflict (tenant_id, name) do update set value = excluded.value, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .setParameter(1, tenant)
                .setParameter(2, threshold.name())
                .setParameter(3, value)
                .setParameter(4, clock.instant())
                .setParameter(5, actor)
                .executeUpdate());
    }
}
