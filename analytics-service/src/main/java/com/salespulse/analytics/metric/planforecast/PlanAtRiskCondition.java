package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.alert.AlertCondition;
import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ConditionState;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PLAN_AT_RISK: from the PLAN_FORECAST_AFTER_WORKING_DAY-th working day of the month on, the month's forecast
 * (metric 9) is below the plan. The forecast is the tenant's best method as the forecast accuracy chose it over its
 * last closed months ({@link ForecastAccuracyQuery#defaultFor}, metric 9's default), run-rate while no closed month
 * can tell (or when this month has no forecast by the best method). Watched for every manager with a plan this month
 * and for the tenant as a whole (the managers' plans summed). Critical when the chance to meet the plan is under 10%.
 */
@ApplicationScoped
public class PlanAtRiskCondition implements AlertCondition {

    private final PlanForecastQuery forecasts;
    private final ForecastAccuracyQuery accuracy;
    private final EntityManager em;

    public PlanAtRiskCondition(PlanForecastQuery forecasts, ForecastAccuracyQuery accuracy, EntityManager em) {
        this.forecasts = forecasts;
        this.accuracy = accuracy;
        this.em = em;
    }

    @Override
    public AlertType type() {
        return AlertType.PLAN_AT_RISK;
    }

    @Override
    public List<ConditionState> evaluate(AlertContext context) {
        ZoneId zone = context.calendar().zone();
        YearMonth month = YearMonth.from(LocalDate.ofInstant(context.now(), zone));
        List<?> managers = em.createNativeQuery("""
                select distinct manager_id from sales_plan
                where gen = ?1 and tenant_id = ?2 and month = ?3 and scope = 'MANAGER' and manager_id is not null""")
                .setParameter(1, context.gen())
                .setParameter(2, context.tenant())
                .setParameter(3, month.toString())
                .getResultList();
        List<ConditionState> states = new ArrayList<>();
        if (managers.isEmpty()) {
            return states;
        }
        ForecastAccuracyQuery.DefaultMethod best = accuracy.defaultFor(request(context, month, null), month);
        for (Object manager : managers) {
            states.add(state(context, month, (UUID) manager, best));
        }
        states.add(state(context, month, null, best));
        return states;
    }

    private static MetricRequest request(AlertContext context, YearMonth month, UUID managerId) {
        return MetricRequest.inside(
                        context.tenant(),
                        context.gen(),
                        context.calendar(),
                        month.atDay(1),
                        month.atEndOfMonth(),
                        context.now())
                .withFilters(new MetricAnswer.Filters(managerId, null, null, null));
    }

    private ConditionState state(
            AlertContext context, YearMonth month, UUID managerId, ForecastAccuracyQuery.DefaultMethod best) {
        PlanForecastFigures f = forecasts
                .forecast(request(context, month, managerId), month)
                .withDefault(best)
                .figures();
        BigDecimal forecast = f.forecasts().defaultForecast();
        BigDecimal afterDay = context.threshold(Threshold.PLAN_FORECAST_AFTER_WORKING_DAY);
        boolean watched = f.plan() != null
                && forecast != null
                && BigDecimal.valueOf(f.elapsedWorkingDays()).compareTo(afterDay) >= 0;
        boolean holds = watched && forecast.compareTo(f.plan()) < 0;
        Map<String, BigDecimal> figures = new LinkedHashMap<>();
        figures.put("plan", f.plan());
        figures.put("soldToDate", f.soldToDate());
        figures.put("forecast", forecast);
        figures.put("runRateForecast", f.forecasts().runRate());
        figures.put("neededDailyRate", f.neededDailyRate());
        figures.put("elapsedWorkingDays", BigDecimal.valueOf(f.elapsedWorkingDays()));
        figures.values().removeIf(java.util.Objects::isNull);
        Map<String, Object> words = new HashMap<>(figures);
        // a state that does not hold may lack a figure; its title still names the alert it resolves
        List.of("plan", "soldToDate", "forecast").forEach(figure -> words.putIfAbsent(figure, "—"));
        words.put("month", month);
        words.put("currency", f.baseCurrency());
        words.put("workingDays", f.workingDays());
        words.put("method", context.text("PLAN_AT_RISK.method." + f.forecasts().defaultMethod(), Map.of()));
        boolean critical = f.chanceToMeetPlan() != null && f.chanceToMeetPlan().compareTo(new BigDecimal("0.1")) < 0;
        return new ConditionState(
                type().name() + ":" + month + ":" + (managerId == null ? "tenant" : "manager:" + managerId),
                holds,
                managerId,
                null,
                critical ? ConditionState.CRITICAL : ConditionState.WARNING,
                context.text(type().name(), "title", managerId, words),
                context.text(type().name(), "message", managerId, words)
                        + (f.neededDailyRate() == null ? "" : " " + context.text("PLAN_AT_RISK.needed", words)),
                figures,
                "/api/v1/metrics/plan-forecast?month=" + month + (managerId == null ? "" : "&managerId=" + managerId));
    }
}
