package com.salespulse.analytics.metric.dismissed;

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

/** DISMISSED_BASE_UNTRANSFERRED: a dismissed manager still owns open cards DISMISSED_UNTRANSFERRED_DAYS after leaving. */
@ApplicationScoped
public class UntransferredCondition implements AlertCondition {

    private final DismissedQuery query;

    public UntransferredCondition(DismissedQuery query) {
        this.query = query;
    }

    @Override
    public AlertType type() {
        return AlertType.DISMISSED_BASE_UNTRANSFERRED;
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
        BigDecimal days = context.threshold(Threshold.DISMISSED_UNTRANSFERRED_DAYS);
        return query.dismissedManagers(request).stream()
                .map(m -> {
                    String who = m.name() != null ? m.name() : m.managerId().toString();
                    boolean holds = m.openCards() > 0
                            && BigDecimal.valueOf(m.daysSinceDismissal()).compareTo(days) >= 0;
                    return new ConditionState(
                            type().name() + ":manager:" + m.managerId(),
                            holds,
                            m.managerId(),
                            null,
                            m.daysSinceDismissal() >= days.longValue() * 2
                                    ? ConditionState.CRITICAL
                                    : ConditionState.WARNING,
                            who + " left " + m.daysSinceDismissal() + " days ago and still owns " + m.openCards()
                                    + " open cards",
                            who + " was dismissed on " + m.dismissedAt() + "; " + m.openCards()
                                    + " open cards are still theirs after " + m.daysSinceDismissal() + " days (limit "
                                    + days + "). Transfer them.",
                            Map.of(
                                    "openCards",
                                    BigDecimal.valueOf(m.openCards()),
                                    "daysSinceDismissal",
                                    BigDecimal.valueOf(m.daysSinceDismissal()),
                                    "limitDays",
                                    days),
                            "/api/v1/metrics/dismissed-base?month="
                                    + today.toString().substring(0, 7));
                })
                .toList();
    }
}
