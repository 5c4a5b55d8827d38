package com.salespulse.analytics.metric.forgotten;

import com.salespulse.analytics.alert.AlertCondition;
import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ConditionState;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** OVERDUE_TASKS and FORGOTTEN_CARDS per manager: above the tenant's limit raises, at or below it resolves. */
public final class ForgottenConditions {

    private ForgottenConditions() {}

    static MetricRequest wholeTenantNow(AlertContext context) {
        WorkCalendar calendar = context.calendar();
        LocalDate today = LocalDate.ofInstant(context.now(), calendar.zone());
        return new MetricRequest(
                context.tenant(),
                context.gen(),
                calendar,
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
    }

    static List<ConditionState> perManager(
            AlertContext context,
            AlertType type,
            Map<UUID, ForgottenQuery.Tally> tallies,
            BigDecimal limit,
            String what,
            String drill) {
        return tallies.entrySet().stream()
                .filter(e -> e.getKey() != null)
                .map(e -> {
                    UUID manager = e.getKey();
                    long count = e.getValue().count();
                    long oldest = e.getValue().oldestDays();
                    boolean holds = BigDecimal.valueOf(count).compareTo(limit) > 0;
                    return new ConditionState(
                            type.name() + ":manager:" + manager,
                            holds,
                            manager,
                            null,
                            BigDecimal.valueOf(count).compareTo(limit.multiply(BigDecimal.valueOf(2))) > 0
                                    ? ConditionState.CRITICAL
                                    : ConditionState.WARNING,
                            context.who(manager) + " has " + count + " " + what,
                            count + " " + what + " (limit " + limit + "); the oldest is " + oldest
                                    + " days old. Open the drill-down for the list.",
                            Map.of(
                                    type == AlertType.OVERDUE_TASKS ? "overdueTasks" : "forgottenCards",
                                    BigDecimal.valueOf(count),
                                    "limit",
                                    limit,
                                    "oldestDays",
                                    BigDecimal.valueOf(oldest)),
                            "/api/v1/metrics/forgotten-cards?managerId=" + manager + "&figure=" + drill);
                })
                .toList();
    }

    @ApplicationScoped
    public static class OverdueTasks implements AlertCondition {

        private final ForgottenQuery query;

        public OverdueTasks(ForgottenQuery query) {
            this.query = query;
        }

        @Override
        public AlertType type() {
            return AlertType.OVERDUE_TASKS;
        }

        @Override
        public List<ConditionState> evaluate(AlertContext context) {
            return perManager(
                    context,
                    type(),
                    query.overdue(wholeTenantNow(context)),
                    context.threshold(Threshold.OVERDUE_TASKS_PER_MANAGER),
                    "overdue tasks",
                    "overdueTasks");
        }
    }

    @ApplicationScoped
    public static class ForgottenCards implements AlertCondition {

        private final ForgottenQuery query;

        public ForgottenCards(ForgottenQuery query) {
            this.query = query;
        }

        @Override
        public AlertType type() {
            return AlertType.FORGOTTEN_CARDS;
        }

        @Override
        public List<ConditionState> evaluate(AlertContext context) {
            return perManager(
                    context,
                    type(),
                    query.forgotten(wholeTenantNow(context)),
                    context.threshold(Threshold.FORGOTTEN_CARDS_PER_MANAGER),
                    "forgotten cards",
                    "forgottenCards");
        }
    }
}
