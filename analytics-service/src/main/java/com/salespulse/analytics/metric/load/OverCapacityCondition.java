package com.salespulse.analytics.metric.load;

import com.salespulse.analytics.alert.AlertCondition;
import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ConditionState;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** MANAGER_OVER_CAPACITY: a manager's open cards above CAPACITY_USE_PERCENT of their capacity (metric 3). */
@ApplicationScoped
public class OverCapacityCondition implements AlertCondition {

    private final LoadQuery query;

    public OverCapacityCondition(LoadQuery query) {
        this.query = query;
    }

    @Override
    public AlertType type() {
        return AlertType.MANAGER_OVER_CAPACITY;
    }

    @Override
    public List<ConditionState> evaluate(AlertContext context) {
        LocalDate today = LocalDate.ofInstant(context.now(), context.calendar().zone());
        MetricRequest request = new MetricRequest(
                context.tenant(),
                context.gen(),
                context.calendar(),
                today,
                today,
                context.now(),
                context.now(),
                context.now(),
                null,
                null,
                null,
                null,
                0,
                1);
        BigDecimal limit = context.threshold(Threshold.CAPACITY_USE_PERCENT);
        return query.answer(request, limit, false).figures().managers().stream()
                .filter(m -> m.capacityUse() != null)
                .map(m -> {
                    BigDecimal percent = m.capacityUse()
                            .multiply(BigDecimal.valueOf(100))
                            .setScale(1, java.math.RoundingMode.HALF_UP);
                    String who = m.name() != null ? m.name() : m.managerId().toString();
                    return new ConditionState(
                            type().name() + ":manager:" + m.managerId(),
                            "OVERLOADED".equals(m.state()),
                            m.managerId(),
                            null,
                            percent.compareTo(limit.multiply(new BigDecimal("1.5"))) > 0
                                    ? ConditionState.CRITICAL
                                    : ConditionState.WARNING,
                            who + " holds " + m.openCards() + " open cards, " + percent + "% of capacity",
                            who + " holds " + m.openCards() + " open cards against a capacity of " + m.capacity()
                                    + " (limit " + limit + "%). Hand some over or pause their lead assignment.",
                            Map.of(
                                    "openCards",
                                    BigDecimal.valueOf(m.openCards()),
                                    "capacity",
                                    BigDecimal.valueOf(m.capacity()),
                                    "capacityUsePercent",
                                    percent,
                                    "limitPercent",
                                    limit),
                            "/api/v1/metrics/manager-load?managerId=" + m.managerId());
                })
                .toList();
    }
}
