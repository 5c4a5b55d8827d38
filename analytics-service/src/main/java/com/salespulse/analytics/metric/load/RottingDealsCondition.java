package com.salespulse.analytics.metric.load;

import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ManagerCondition;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * DEALS_ROTTING: a manager's rotting deals (in their stage longer than its limit, not snoozed; {@link StaleCards})
 * above ROTTING_DEALS_PER_MANAGER (default 0: any rotting deal raises); at or below it resolves. Critical above twice
 * the limit (above one deal for a limit of 0).
 */
@ApplicationScoped
public class RottingDealsCondition extends ManagerCondition {

    private final LoadQuery query;

    public RottingDealsCondition(LoadQuery query) {
        this.query = query;
    }

    @Override
    public AlertType type() {
        return AlertType.DEALS_ROTTING;
    }

    @Override
    protected List<Reading> read(AlertContext context) {
        BigDecimal limit = context.threshold(Threshold.ROTTING_DEALS_PER_MANAGER);
        return query.rotting(MetricRequest.today(context)).entrySet().stream()
                .map(e -> {
                    BigDecimal count = BigDecimal.valueOf(e.getValue().deals());
                    return new Reading(
                            e.getKey(),
                            count.compareTo(limit) > 0,
                            count.compareTo(limit.multiply(BigDecimal.valueOf(2))
                                            .max(BigDecimal.ONE))
                                    > 0,
                            Map.of(
                                    "rottingDeals",
                                    count,
                                    "limit",
                                    limit,
                                    "longestDays",
                                    BigDecimal.valueOf(e.getValue().longestDays())),
                            Map.of(),
                            "/api/v1/metrics/forgotten-cards?managerId=" + e.getKey() + "&figure=rottingDeals");
                })
                .toList();
    }
}
