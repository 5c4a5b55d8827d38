package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.alert.AlertCondition;
import com.salespulse.analytics.alert.AlertContext;
import com.salespulse.analytics.alert.ConditionState;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.contract.alert.AlertType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PLAN_AT_RISK: from the PLAN_FORECAST_AFTER_WORKING_DAY-th working day of the month on, the month's run-rate
 * forecast (metric 9) is below the plan. Watched for every manager with a plan this month and for the tenant as a
 * whole (the managers' plans summed). Critical when the chance to meet the plan is under 10%.
 */
@ApplicationScoped
public class PlanAtRiskCondition implements AlertCondition {

    private final PlanForecastQuery forecasts;
    private final EntityManager em;

    public PlanAtRiskCondition(PlanForecastQuery forecasts, EntityManager em) {
        this.forecasts = forecasts;
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
        for (Object manager : managers) {
            states.add(state(context, month, (UUID) manager));
        }
        if (!managers.isEmpty()) {
            states.add(state(context, month, null));
        }
        return states;
    }

    private ConditionState state(AlertContext context, YearMonth month, UUID managerId) {
        ZoneId zone = context.calendar().zone();
        MetricRequest request = new MetricRequest(
                context.tenant(),
                context.gen(),
                context.calendar(),
                month.atDay(1),
                month.atEndOfMonth(),
                month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(),
                context.now(),
                managerId,
                null,
                null,
                null,
                0,
                1);
        PlanForecastFigures f = forecasts.forecast(request, month).figures();
        BigDecimal afterDay = context.threshold(Threshold.PLAN_FORECAST_AFTER_WORKING_DAY);
        boolean watched = f.plan() != null
                && f.forecasts().runRate() != null
                && BigDecimal.valueOf(f.elapsedWorkingDays()).compareTo(afterDay) >= 0;
        boolean holds = watched && f.forecasts().runRate().compareTo(f.plan()) < 0;
        String who = managerId == null ? "The team" : context.who(managerId);
        Map<String, BigDecimal> figures = new LinkedHashMap<>();
        figures.put("plan", f.plan());
        figures.put("soldToDate", f.soldToDate());
        figures.put("runRateForecast", f.forecasts().runRate());
        figures.put("neededDailyRate", f.neededDailyRate());
        figures.put("elapsedWorkingDays", BigDecimal.valueOf(f.elapsedWorkingDays()));
        figures.values().removeIf(java.util.Objects::isNull);
        boolean critical = f.chanceToMeetPlan() != null && f.chanceToMeetPlan().compareTo(new BigDecimal("0.1")) < 0;
        return new ConditionState(
                type().name() + ":" + month + ":" + (managerId == null ? "tenant" : "manager:" + managerId),
                holds,
                managerId,
                null,
                critical ? ConditionState.CRITICAL : ConditionState.WARNING,
                who + " is on course to miss the " + month + " plan",
                who + " has sold " + f.soldToDate() + " " + f.baseCurrency() + " of " + f.plan() + " after "
                        + f.elapsedWorkingDays() + " of " + f.workingDays() + " working days; at this rate the month "
                        + "ends at " + f.forecasts().runRate() + "."
                        + (f.neededDailyRate() == null
                                ? ""
                                : " " + f.neededDailyRate() + " a working day is needed from now on."),
                figures,
                "/api/v1/metrics/plan-forecast?month=" + month + (managerId == null ? "" : "&managerId=" + managerId));
    }
}
