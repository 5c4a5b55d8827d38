package com.salespulse.analytics.metric.forgotten;

import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ManagerCondition;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OVERDUE_TASKS and FORGOTTEN_CARDS per manager: above the tenant's limit raises, at or below it resolves; critical
 * above twice the limit.
 */
public final class ForgottenConditions {

    private ForgottenConditions() {}

    static List<ManagerCondition.Reading> perManager(
            Map<UUID, ForgottenQuery.Tally> tallies, BigDecimal limit, String figure) {
        return tallies.entrySet().stream()
                .filter(e -> e.getKey() != null)
                .map(e -> {
                    UUID manager = e.getKey();
                    BigDecimal count = BigDecimal.valueOf(e.getValue().count());
                    return new ManagerCondition.Reading(
                            manager,
                            count.compareTo(limit) > 0,
                            count.compareTo(limit.multiply(BigDecimal.valueOf(2))) > 0,
                            Map.of(
                                    figure,
                                    count,
                                    "limit",
                                    limit,
                                    "oldestDays",
                                    BigDecimal.valueOf(e.getValue().oldestDays())),
                            Map.of(),
                            "/api/v1/metrics/forgotten-cards?managerId=" + manager + "&figure=" + figure);
                })
                .toList();
    }

    @ApplicationScoped
    public static class OverdueTasks extends ManagerCondition {

        private final ForgottenQuery query;

        public OverdueTasks(ForgottenQuery query) {
            this.query = query;
        }

        @Override
        public AlertType type() {
            return AlertType.OVERDUE_TASKS;
        }

        @Override
        protected List<Reading> read(AlertContext context) {
            return perManager(
                    query.overdue(MetricRequest.today(context)),
                    context.threshold(Threshold.OVERDUE_TASKS_PER_MANAGER),
                    "overdueTasks");
        }
    }

    @ApplicationScoped
    public static class ForgottenCards extends ManagerCondition {

        private final ForgottenQuery query;

        public ForgottenCards(ForgottenQuery query) {
            this.query = query;
        }

        @Override
        public AlertType type() {
            return AlertType.FORGOTTEN_CARDS;
        }

        @Override
        protected List<Reading> read(AlertContext context) {
            return perManager(
                    query.forgotten(MetricRequest.today(context)),
                    context.threshold(Threshold.FORGOTTEN_CARDS_PER_MANAGER),
                    "forgottenCards");
        }
    }
}
