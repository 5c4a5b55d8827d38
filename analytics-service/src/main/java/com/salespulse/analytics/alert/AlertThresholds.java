package com.salespulse.analytics.alert;

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

    public AlertThresholds(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Every threshold, the tenant's value where it set one. */
    @Transactional
    public Map<Threshold, BigDecimal> of(String tenant) {
        Map<Threshold, BigDecimal> values = new EnumMap<>(Threshold.class);
        for (Threshold threshold : Threshold.values()) {
            values.put(threshold, threshold.defaultValue());
        }
        for (Object found : em.createNativeQuery("select name, value from alert_threshold where tenant_id = ?1")
                .setParameter(1, tenant)
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
    public void set(String tenant, String actor, Map<Threshold, BigDecimal> changes) {
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
