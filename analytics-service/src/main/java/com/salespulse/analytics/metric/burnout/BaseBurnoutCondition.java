package com.salespulse.analytics.metric.burnout;

import com.salespulse.analytics.alert.AlertCondition;
import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ConditionState;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * BASE_BURNOUT: a manager's burnout index (metric 10) over the last {@value #DAYS} days, today included, is above
 * BURNOUT_INDEX_LIMIT. Watched for every manager with touches or closed deals in those days.
 */
@ApplicationScoped
public class BaseBurnoutCondition implements AlertCondition {

    static final int DAYS = 30;

    private final BurnoutQuery burnout;

    public BaseBurnoutCondition(BurnoutQuery burnout) {
        this.burnout = burnout;
    }

    @Override
    public AlertType type() {
        return AlertType.BASE_BURNOUT;
    }

    @Override
    public List<ConditionState> evaluate(AlertContext context) {
        ZoneId zone = context.calendar().zone();
        LocalDate to = LocalDate.ofInstant(context.now(), zone);
        LocalDate from = to.minusDays(DAYS - 1);
        MetricRequest request =
                MetricRequest.inside(context.tenant(), context.gen(), context.calendar(), from, to, context.now());
        BigDecimal limit = context.threshold(Threshold.BURNOUT_INDEX_LIMIT);
        return burnout.compute(request).figures().managers().stream()
                .map(m -> {
                    String parts = m.parts().stream()
                            .filter(p -> p.score().signum() > 0)
                            .map(p -> context.text(
                                    "BASE_BURNOUT.sign",
                                    Map.of("sign", p.name(), "current", p.current(), "baseline", p.baseline())))
                            .collect(Collectors.joining(", "));
                    Map<String, Object> words = Map.of(
                            "index",
                            m.index(),
                            "limit",
                            limit,
                            "days",
                            DAYS,
                            "signs",
                            parts.isEmpty() ? context.text("BASE_BURNOUT.noSign", Map.of()) : parts);
                    return new ConditionState(
                            type().name() + ":manager:" + m.managerId(),
                            m.index().compareTo(limit) > 0,
                            m.managerId(),
                            null,
                            ConditionState.WARNING,
                            context.text(type().name(), "title", m.managerId(), words),
                            context.text(type().name(), "message", m.managerId(), words),
                            Map.of("index", m.index(), "limit", limit),
                            "/api/v1/metrics/base-burnout?from=" + from + "&to=" + to + "&managerId=" + m.managerId());
                })
                .toList();
    }
}
