package com.salespulse.analytics.metric.leadinflow;

import com.salespulse.analytics.alert.AlertCondition;
import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ConditionState;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * LEAD_INFLOW_DROP: the leads of the last 7 days (a rolling week ending now) against the usual week, the average
 * of the 4 weeks before it. Watched only when the usual week has at least LEAD_INFLOW_MIN_USUAL_PER_WEEK leads;
 * holds when the last week is more than LEAD_INFLOW_DROP_PERCENT below the usual one.
 */
@ApplicationScoped
public class LeadInflowDropCondition implements AlertCondition {

    private static final Duration WEEK = Duration.ofDays(7);
    private final EntityManager em;

    public LeadInflowDropCondition(EntityManager em) {
        this.em = em;
    }

    @Override
    public AlertType type() {
        return AlertType.LEAD_INFLOW_DROP;
    }

    @Override
    public List<ConditionState> evaluate(AlertContext context) {
        Instant now = context.now();
        long lastWeek = count(context, now.minus(WEEK), now);
        long fourWeeksBefore = count(context, now.minus(WEEK.multipliedBy(5)), now.minus(WEEK));
        BigDecimal usual = BigDecimal.valueOf(fourWeeksBefore).divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP);
        if (usual.compareTo(context.threshold(Threshold.LEAD_INFLOW_MIN_USUAL_PER_WEEK)) < 0 || usual.signum() == 0) {
            return List.of();
        }
        BigDecimal limit = context.threshold(Threshold.LEAD_INFLOW_DROP_PERCENT);
        BigDecimal drop = usual.subtract(BigDecimal.valueOf(lastWeek))
                .multiply(BigDecimal.valueOf(100))
                .divide(usual, 1, RoundingMode.HALF_UP);
        boolean holds = drop.compareTo(limit) > 0;
        LocalDate today = LocalDate.ofInstant(now, context.calendar().zone());
        String drillDown = "/api/v1/metrics/lead-inflow?from=" + today.minusDays(6) + "&to=" + today;
        Map<String, BigDecimal> figures = Map.of(
                "lastSevenDays",
                BigDecimal.valueOf(lastWeek),
                "usualPerWeek",
                usual,
                "dropPercent",
                drop,
                "limitPercent",
                limit);
        return List.of(new ConditionState(
                type().name() + ":tenant",
                holds,
                null,
                null,
                // twice the limit (or a complete stop) is critical
                drop.compareTo(limit.multiply(BigDecimal.valueOf(2)).min(BigDecimal.valueOf(100))) >= 0
                        ? ConditionState.CRITICAL
                        : ConditionState.WARNING,
                context.text("LEAD_INFLOW_DROP.title", figures),
                context.text("LEAD_INFLOW_DROP.message", figures),
                figures,
                drillDown));
    }

    private long count(AlertContext context, Instant from, Instant to) {
        return ((Number) em.createNativeQuery("""
                select count(*) from lead_fact where gen = ?1 and tenant_id = ?2 and created_at >= ?3 and created_at < ?4""")
                        .setParameter(1, context.gen())
                        .setParameter(2, context.tenant())
                        .setParameter(3, from)
                        .setParameter(4, to)
                        .getSingleResult())
                .longValue();
    }
}
