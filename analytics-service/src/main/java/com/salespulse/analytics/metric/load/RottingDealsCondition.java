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

/**
 * DEALS_ROTTING: a manager's rotting deals (in their stage longer than its limit, not snoozed; {@link StaleCards})
 * above ROTTING_DEALS_PER_MANAGER (default 0: any rotting deal raises); at or below it resolves.
 */
@ApplicationScoped
public class RottingDealsCondition implements AlertCondition {

    private final LoadQuery query;

    public RottingDealsCondition(LoadQuery query) {
        this.query = query;
    }

    @Override
    public AlertType type() {
        return AlertType.DEALS_ROTTING;
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
        BigDecimal limit = context.threshold(Threshold.ROTTING_DEALS_PER_MANAGER);
        return query.rotting(request).entrySet().stream()
                .map(e -> {
                    long count = e.getValue().deals();
                    String who = context.who(e.getKey());
                    return new ConditionState(
                            type().name() + ":manager:" + e.getKey(),
                            BigDecimal.valueOf(count).compareTo(limit) > 0,
                            e.getKey(),
                            null,
                            BigDecimal.valueOf(count)
                                                    .compareTo(limit.multiply(BigDecimal.valueOf(2))
                                                            .max(BigDecimal.ONE))
                                            > 0
                                    ? ConditionState.CRITICAL
                                    : ConditionState.WARNING,
                            who + " has " + count + " rotting deals",
                            count + " deals stuck in their stage past its limit (alert limit " + limit
                                    + "); the longest has been there "
                                    + e.getValue().longestDays()
                                    + " days. Move them on, snooze them with a reason or archive them.",
                            Map.of(
                                    "rottingDeals",
                                    BigDecimal.valueOf(count),
                                    "limit",
                                    limit,
                                    "longestDays",
                                    BigDecimal.valueOf(e.getValue().longestDays())),
                            "/api/v1/metrics/forgotten-cards?managerId=" + e.getKey() + "&figure=rottingDeals");
                })
                .toList();
    }
}
