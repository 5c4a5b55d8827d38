package com.salespulse.analytics.metric.dismissed;

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
 * DISMISSED_BASE_UNTRANSFERRED: a dismissed manager still owns open cards DISMISSED_UNTRANSFERRED_DAYS after leaving;
 * critical after twice as many days.
 */
@ApplicationScoped
public class UntransferredCondition extends ManagerCondition {

    private final DismissedQuery query;

    public UntransferredCondition(DismissedQuery query) {
        this.query = query;
    }

    @Override
    public AlertType type() {
        return AlertType.DISMISSED_BASE_UNTRANSFERRED;
    }

    @Override
    protected List<Reading> read(AlertContext context) {
        MetricRequest today = MetricRequest.today(context);
        BigDecimal days = context.threshold(Threshold.DISMISSED_UNTRANSFERRED_DAYS);
        return query.dismissedManagers(today).stream()
                .map(m -> new Reading(
                        m.managerId(),
                        m.openCards() > 0
                                && BigDecimal.valueOf(m.daysSinceDismissal()).compareTo(days) >= 0,
                        m.daysSinceDismissal() >= days.longValue() * 2,
                        Map.of(
                                "openCards",
                                BigDecimal.valueOf(m.openCards()),
                                "daysSinceDismissal",
                                BigDecimal.valueOf(m.daysSinceDismissal()),
                                "limitDays",
                                days),
                        Map.of("dismissedAt", m.dismissedAt()),
                        "/api/v1/metrics/dismissed-base?month="
                                + today.from().toString().substring(0, 7)))
                .toList();
    }
}
