package com.salespulse.analytics.metric.load;

import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ManagerCondition;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * MANAGER_OVER_CAPACITY: a manager's open cards above CAPACITY_USE_PERCENT of their capacity (metric 3); critical
 * above one and a half times the limit.
 */
@ApplicationScoped
public class OverCapacityCondition extends ManagerCondition {

    private final LoadQuery query;

    public OverCapacityCondition(LoadQuery query) {
        this.query = query;
    }

    @Override
    public AlertType type() {
        return AlertType.MANAGER_OVER_CAPACITY;
    }

    @Override
    protected List<Reading> read(AlertContext context) {
        BigDecimal limit = context.threshold(Threshold.CAPACITY_USE_PERCENT);
        return query.answer(MetricRequest.today(context), limit, false).figures().managers().stream()
                .filter(m -> m.capacityUse() != null)
                .map(m -> {
                    BigDecimal percent =
                            m.capacityUse().multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
                    return new Reading(
                            m.managerId(),
                            "OVERLOADED".equals(m.state()),
                            percent.compareTo(limit.multiply(new BigDecimal("1.5"))) > 0,
                            Map.of(
                                    "openCards",
                                    BigDecimal.valueOf(m.openCards()),
                                    "capacity",
                                    BigDecimal.valueOf(m.capacity()),
                                    "capacityUsePercent",
                                    percent,
                                    "limitPercent",
                                    limit),
                            Map.of(),
                            "/api/v1/metrics/manager-load?managerId=" + m.managerId());
                })
                .toList();
    }
}
