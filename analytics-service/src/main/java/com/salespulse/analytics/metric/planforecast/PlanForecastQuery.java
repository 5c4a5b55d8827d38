package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.DealFacts.DealSet;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.SqlFilter;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers metric 9 for one month; also used by the PLAN_AT_RISK alert. */
@ApplicationScoped
public class PlanForecastQuery {

    public static final String METRIC = "plan-forecast";
    public static final int DEFINITION_VERSION = 1;
    /** "The last working days" of the month, for the crowding share. */
    public static final int LAST_DAYS = 3;
    /** Months of history the intra-month curve needs. */
    public static final int MIN_HISTORY_MONTHS = 3;

    static final int HISTORY_MONTHS_LOOKED_AT = 12;
    static final String CHANCE_METHOD = "Normal approximation: the remaining working days are independent, each with "
            + "the mean and population variance of this month's elapsed working days' sales; chance = 1 - Phi((plan - "
            + "sold - n x mean) / (sd x sqrt(n))), n = remaining working days.";

    /** Which figure the drill-down lists. */
    public enum DrillFigure {
        SOLD_TO_DATE,
        WEIGHTED_PIPELINE
    }

    private final DealFacts deals;
    private final EntityManager em;
    private final ProjectionPositionRepository positions;

    public PlanForecastQuery(DealFacts deals, EntityManager em, ProjectionPositionRepository positions) {
        this.deals = deals;
        this.em = em;
        this.positions = positions;
    }

    /** The request's period must be one whole calendar month. */
    public static YearMonth month(MetricRequest request) {
        YearMonth month = YearMonth.from(request.from());
        if (request.from().getDayOfMonth() != 1 || !request.to().equals(month.atEndOfMonth())) {
            throw ProblemException.invalidField(
                    "month", "the forecast is for one whole calendar month: give month=YYYY-MM");
        }
        return month;
    }

    @Transactional
    public MetricAnswer<PlanForecastFigures> answer(MetricRequest request, DrillFigure drill) {
        YearMonth month = month(request);
        Forecast forecast = forecast(request, month);
        LocalDate today = LocalDate.ofInstant(request.now(), request.zone());
        MetricAnswer.DrillDown drillDown = drill == DrillFigure.SOLD_TO_DATE
                ? deals.page(
                        request,
                        won(request, month),
                        "soldToDate",
                        "",
                        "deal",
                        "true",
                        "null",
                        (deal, age) -> Drill.deal(deal, "WON", Drill.unconverted(deal)))
                : deals.page(
                        request,
                        pipeline(request, month, today),
                        "weightedPipeline",
                        "",
                        "deal",
                        PIPELINE,
                        "null",
                        (deal, age) -> Drill.deal(deal, "OPEN", Drill.unconverted(deal)));
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                forecast.figures,
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** The figures. */
    public record Forecast(PlanForecastFigures figures) {}

    /** The open deals behind the weighted pipeline: expected to close from today (or the month's start) to its end. */
    private static final String PIPELINE = "expected_close_date >= :pipelineFrom and expected_close_date <= :monthEnd";

    private DealSet won(MetricRequest request, YearMonth month) {
        return deals.won(
                request,
                month.atDay(1).atStartOfDay(request.zone()).toInstant(),
                month.atEndOfMonth().plusDays(1).atStartOfDay(request.zone()).toInstant(),
                request.managerId());
    }

    private DealSet pipeline(MetricRequest request, YearMonth month, LocalDate today) {
        LocalDate from = month.atDay(1);
        return deals.open(request, today)
                .param("pipelineFrom", today.isBefore(from) ? from : today)
                .param("monthEnd", month.atEndOfMonth());
    }

    /** The converted sales per closing day in the tenant's zone, of the deals won in [start, end). */
    private Map<LocalDate, BigDecimal> salesPerDay(MetricRequest request, Instant start, Instant end) {
        Map<LocalDate, BigDecimal> perDay = new HashMap<>();
        for (Object[] row : deals.won(request, start, end, request.managerId())
                .rows(
                        em,
                        "select closed_day, sum(base_amount) from deal where base_amount is not null "
                                + "group by closed_day")) {
            perDay.put(Columns.date(row[0]), Stats.total(row[1]));
        }
        return perDay;
    }

    @Transactional
    public Forecast forecast(MetricRequest request, YearMonth month) {
        WorkCalendar calendar = request.calendar();
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        LocalDate today = LocalDate.ofInstant(request.now(), request.zone());
        LocalDate lastElapsed = today.isAfter(to) ? to : today;
        int workingDays = calendar.workingDays(from, to);
        int elapsed = today.isBefore(from) ? 0 : calendar.workingDays(from, lastElapsed);
        int remaining = workingDays - elapsed;

        Map<LocalDate, BigDecimal> perDay = salesPerDay(
                request,
                from.atStartOfDay(request.zone()).toInstant(),
                to.plusDays(1).atStartOfDay(request.zone()).toInstant());
        BigDecimal sold = Stats.sum(perDay.values());
        BigDecimal plan = plan(request, month);

        List<PlanForecastFigures.Day> days = new ArrayList<>();
        List<BigDecimal> elapsedWorkingDaySales = new ArrayList<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            BigDecimal daySold = perDay.getOrDefault(day, BigDecimal.ZERO);
            cumulative = cumulative.add(daySold);
            boolean working = calendar.isWorkingDay(day);
            if (working && !day.isAfter(lastElapsed) && !today.isBefore(from)) {
                elapsedWorkingDaySales.add(daySold);
            }
            BigDecimal planLine = plan == null || workingDays == 0
                    ? null
                    : Stats.money(plan.multiply(BigDecimal.valueOf(calendar.workingDays(from, day)))
                            .divide(BigDecimal.valueOf(workingDays), 6, RoundingMode.HALF_UP));
            days.add(new PlanForecastFigures.Day(
                    day, working, Stats.money(daySold), day.isAfter(today) ? null : Stats.money(cumulative), planLine));
        }

        BigDecimal runRate = elapsed == 0
                ? null
                : Stats.money(sold.multiply(BigDecimal.valueOf(workingDays))
                        .divide(BigDecimal.valueOf(elapsed), 6, RoundingMode.HALF_UP));
        // sold + the converted open deals expected this month, each weighted by its stage's probability (percent)
        BigDecimal weightedPercent = Stats.total(pipeline(request, month, today)
                .rows(em, "select sum(base_amount * stage_probability), 0 from deal where " + PIPELINE)
                .get(0)[0]);
        BigDecimal weighted = sold.add(weightedPercent.movePointLeft(2));
        History history = history(request, month, elapsed);
        BigDecimal curve = null;
        String note = null;
        if (history.shares.size() < MIN_HISTORY_MONTHS) {
            note = "history too short: " + history.shares.size() + " earlier month(s) with sales, " + MIN_HISTORY_MONTHS
                    + " needed";
        } else {
            BigDecimal meanShare = Stats.sum(history.shares)
                    .divide(BigDecimal.valueOf(history.shares.size()), 10, RoundingMode.HALF_UP);
            if (meanShare.signum() == 0) {
                note = "earlier months had no sales by working day " + elapsed;
            } else {
                curve = Stats.money(sold.divide(meanShare, 6, RoundingMode.HALF_UP));
            }
        }

        BigDecimal needed = null;
        if (plan != null && remaining > 0) {
            BigDecimal gap = plan.subtract(sold).max(BigDecimal.ZERO);
            needed = Stats.money(gap.divide(BigDecimal.valueOf(remaining), 6, RoundingMode.HALF_UP));
        }
        PlanForecastFigures figures = new PlanForecastFigures(
                Stats.money(plan),
                Stats.money(sold),
                workingDays,
                elapsed,
                remaining,
                days,
                uniformity(elapsedWorkingDaySales),
                lastDaysShare(calendar, from, to, perDay, sold),
                new PlanForecastFigures.Forecasts(runRate, Stats.money(weighted), curve, history.shares.size(), note),
                needed,
                chance(plan, sold, remaining, elapsedWorkingDaySales),
                CHANCE_METHOD,
                calendar.baseCurrency());
        return new Forecast(figures);
    }

    /**
     * With {@code managerId}: the manager's plan. With {@code teamId}: the team's plan, or the plans of the managers
     * in the team now summed. Otherwise the managers' plans summed (the teams' when no manager has one). Null
     * without a plan.
     */
    private BigDecimal plan(MetricRequest request, YearMonth month) {
        if (request.managerId() != null) {
            return planSum(request, month, "MANAGER", " and p.manager_id = :managerId");
        }
        if (request.teamId() != null) {
            BigDecimal team = planSum(request, month, "TEAM", " and p.team_id = :teamId");
            return team != null
                    ? team
                    : planSum(
                            request,
                            month,
                            "MANAGER",
                            " and p.manager_id in (select m.manager_id "
                                    + "from manager_fact m where m.gen = p.gen and m.tenant_id = p.tenant_id and m.team_id = :teamId)");
        }
        BigDecimal managers = planSum(request, month, "MANAGER", "");
        return managers != null ? managers : planSum(request, month, "TEAM", "");
    }

    private BigDecimal planSum(MetricRequest request, YearMonth month, String scope, String condition) {
        SqlFilter filter = SqlFilter.forTenant("p", request)
                .and("p.month = :month", "month", month.toString())
                .and("p.scope = :scope", "scope", scope)
                .param("managerId", request.managerId())
                .param("teamId", request.teamId());
        return (BigDecimal) filter.rows(em, "select sum(p.amount), 0 from sales_plan p" + filter.where() + condition)
                .get(0)[0];
    }

    private record History(List<BigDecimal> shares) {}

    /**
     * For each of the previous months with sales: the share of its sales made by its {@code elapsed}-th working day.
     * The sales per day of the twelve months come in one query.
     */
    private History history(MetricRequest request, YearMonth month, int elapsed) {
        List<BigDecimal> shares = new ArrayList<>();
        WorkCalendar calendar = request.calendar();
        Map<LocalDate, BigDecimal> perDay = salesPerDay(
                request,
                month.minusMonths(HISTORY_MONTHS_LOOKED_AT)
                        .atDay(1)
                        .atStartOfDay(request.zone())
                        .toInstant(),
                month.atDay(1).atStartOfDay(request.zone()).toInstant());
        for (int back = 1; back <= HISTORY_MONTHS_LOOKED_AT; back++) {
            YearMonth earlier = month.minusMonths(back);
            LocalDate start = earlier.atDay(1);
            LocalDate end = earlier.atEndOfMonth();
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal byCut = BigDecimal.ZERO;
            LocalDate cut = nthWorkingDay(calendar, start, end, elapsed);
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                BigDecimal sales = perDay.getOrDefault(day, BigDecimal.ZERO);
                total = total.add(sales);
                if (!day.isAfter(cut)) {
                    byCut = byCut.add(sales);
                }
            }
            if (total.signum() == 0) {
                continue;
            }
            shares.add(byCut.divide(total, 10, RoundingMode.HALF_UP));
        }
        return new History(shares);
    }

    /** The day the n-th working day ends on; the day before the month for n = 0, the month's end if it has fewer. */
    static LocalDate nthWorkingDay(WorkCalendar calendar, LocalDate start, LocalDate end, int n) {
        LocalDate cut = start.minusDays(1);
        int seen = 0;
        for (LocalDate day = start; !day.isAfter(end) && seen < n; day = day.plusDays(1)) {
            cut = day;
            if (calendar.isWorkingDay(day)) {
                seen++;
            }
        }
        return seen < n ? end : cut;
    }

    static BigDecimal uniformity(List<BigDecimal> daily) {
        if (daily.size() < 2) {
            return null;
        }
        double mean =
                daily.stream().mapToDouble(BigDecimal::doubleValue).average().orElse(0);
        if (mean == 0) {
            return null;
        }
        double cv = Math.sqrt(variance(daily, mean)) / mean;
        return BigDecimal.valueOf(Math.max(0, 1 - cv)).setScale(4, RoundingMode.HALF_UP);
    }

    static BigDecimal lastDaysShare(
            WorkCalendar calendar, LocalDate from, LocalDate to, Map<LocalDate, BigDecimal> perDay, BigDecimal sold) {
        if (sold.signum() == 0) {
            return null;
        }
        int found = 0;
        LocalDate day = to;
        while (found < LAST_DAYS && !day.isBefore(from)) {
            if (calendar.isWorkingDay(day)) {
                found++;
            }
            day = day.minusDays(1);
        }
        LocalDate firstOfLast = day.plusDays(1);
        BigDecimal late = Stats.sum(perDay.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(firstOfLast))
                .map(Map.Entry::getValue)
                .toList());
        return Stats.share(late, sold);
    }

    static BigDecimal chance(BigDecimal plan, BigDecimal sold, int remaining, List<BigDecimal> daily) {
        if (plan == null) {
            return null;
        }
        BigDecimal gap = plan.subtract(sold);
        if (gap.signum() <= 0) {
            return BigDecimal.ONE.setScale(4);
        }
        if (remaining == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        if (daily.size() < 2) {
            return null;
        }
        double mean =
                daily.stream().mapToDouble(BigDecimal::doubleValue).average().orElse(0);
        double sd = Math.sqrt(variance(daily, mean) * remaining);
        double expected = mean * remaining;
        double chance = sd == 0
                ? (expected >= gap.doubleValue() ? 1 : 0)
                : 1 - NormalDistribution.cdf((gap.doubleValue() - expected) / sd);
        return BigDecimal.valueOf(chance).setScale(4, RoundingMode.HALF_UP);
    }

    private static double variance(List<BigDecimal> values, double mean) {
        return values.stream()
                        .mapToDouble(v -> Math.pow(v.doubleValue() - mean, 2))
                        .sum()
                / values.size();
    }
}
