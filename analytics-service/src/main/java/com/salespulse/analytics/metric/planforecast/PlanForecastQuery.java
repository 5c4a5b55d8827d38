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

    /**
     * How the forecast is asked for: by metric 9 at the query's moment; by the snapshot job at a working day's close,
     * live (the day after) or as of a past day (backfill). A snapshot counts only the sales up to that day; as of a
     * past day there is no pipeline forecast, because the read model keeps only the deals' current stage, state and
     * expected close date.
     */
    public enum Mode {
        QUERY,
        SNAPSHOT,
        AS_OF
    }

    /** The month's sales: converted amount and won deals (a deal without an exchange rate counts only here). */
    public record Sales(BigDecimal amount, long deals) {}

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
    public MetricAnswer<PlanForecastFigures> answer(
            MetricRequest request, DrillFigure drill, ForecastAccuracyQuery.DefaultMethod defaultMethod) {
        YearMonth month = month(request);
        Forecast forecast = forecast(request, month).withDefault(defaultMethod);
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
                forecast.figures(),
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** The figures. */
    public record Forecast(PlanForecastFigures figures) {

        /** The forecast of one method (metric 9's name): amount and deal count; null values when it had none. */
        public BigDecimal[] of(String method) {
            PlanForecastFigures.Forecasts f = figures.forecasts();
            PlanForecastFigures.DealCountForecasts c = figures.dealCount();
            return switch (method) {
                case ForecastAccuracyQuery.RUN_RATE -> new BigDecimal[] {f.runRate(), c.runRate()};
                case ForecastAccuracyQuery.WEIGHTED_PIPELINE ->
                    new BigDecimal[] {f.weightedPipeline(), c.weightedPipeline()};
                case ForecastAccuracyQuery.HISTORICAL_CURVE ->
                    new BigDecimal[] {f.historicalCurve(), c.historicalCurve()};
                default -> throw new IllegalArgumentException("no forecast method " + method);
            };
        }

        Forecast withDefault(ForecastAccuracyQuery.DefaultMethod choice) {
            String method = choice.method();
            String reason = choice.reason();
            if (of(method)[0] == null && !ForecastAccuracyQuery.RUN_RATE.equals(method)) {
                reason = reason + " This month has no " + method + " forecast, so run-rate stands in.";
                method = ForecastAccuracyQuery.RUN_RATE;
            }
            PlanForecastFigures.Forecasts f = figures.forecasts();
            PlanForecastFigures.Forecasts chosen = new PlanForecastFigures.Forecasts(
                    f.runRate(),
                    f.weightedPipeline(),
                    f.historicalCurve(),
                    f.historyMonths(),
                    f.historyNote(),
                    method,
                    of(method)[0],
                    reason);
            PlanForecastFigures g = figures;
            return new Forecast(new PlanForecastFigures(
                    g.plan(),
                    g.soldToDate(),
                    g.workingDays(),
                    g.elapsedWorkingDays(),
                    g.remainingWorkingDays(),
                    g.days(),
                    g.uniformityIndex(),
                    g.lastWorkingDaysShare(),
                    chosen,
                    g.dealCount(),
                    g.neededDailyRate(),
                    g.chanceToMeetPlan(),
                    g.chanceMethod(),
                    g.baseCurrency()));
        }
    }

    /**
     * The open deals behind the weighted pipeline: expected to close from today (or the month's start) to its end, and
     * not archived (a "now" figure, as open cards; an archived deal's sales, once restored and won, count as any).
     */
    private static final String PIPELINE =
            "not archived and expected_close_date >= :pipelineFrom and expected_close_date <= :monthEnd";

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

    /**
     * The converted sales (index 0) and the won deals (index 1) per closing day in the tenant's zone, of the deals won
     * in [start, end).
     */
    private List<Map<LocalDate, BigDecimal>> salesPerDay(MetricRequest request, Instant start, Instant end) {
        Map<LocalDate, BigDecimal> amounts = new HashMap<>();
        Map<LocalDate, BigDecimal> counts = new HashMap<>();
        for (Object[] row : deals.wonHours(request, start, end, request.managerId())
                .rows(
                        em,
                        "select cast(closed_hour at time zone :zone as date), sum(base_amount), sum(deals) "
                                + "from won_hour group by 1")) {
            LocalDate day = Columns.date(row[0]);
            if (row[1] != null) {
                amounts.put(day, Stats.total(row[1]));
            }
            counts.put(day, BigDecimal.valueOf(Stats.count(row[2])));
        }
        return List.of(amounts, counts);
    }

    /** The month's sales as the read model knows them now: its actual, once it is over. */
    @Transactional
    public Sales actual(MetricRequest request, YearMonth month) {
        List<Map<LocalDate, BigDecimal>> perDay = salesPerDay(
                request,
                month.atDay(1).atStartOfDay(request.zone()).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(request.zone()).toInstant());
        return new Sales(
                Stats.money(Stats.sum(perDay.get(0).values())),
                Stats.sum(perDay.get(1).values()).longValue());
    }

    @Transactional
    public Forecast forecast(MetricRequest request, YearMonth month) {
        return forecast(request, month, Mode.QUERY);
    }

    @Transactional
    public Forecast forecast(MetricRequest request, YearMonth month, Mode mode) {
        WorkCalendar calendar = request.calendar();
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        LocalDate today = LocalDate.ofInstant(request.now(), request.zone());
        LocalDate lastElapsed = today.isAfter(to) ? to : today;
        int workingDays = calendar.workingDays(from, to);
        int elapsed = today.isBefore(from) ? 0 : calendar.workingDays(from, lastElapsed);
        int remaining = workingDays - elapsed;

        List<Map<LocalDate, BigDecimal>> sales = salesPerDay(
                request,
                from.atStartOfDay(request.zone()).toInstant(),
                to.plusDays(1).atStartOfDay(request.zone()).toInstant());
        if (mode != Mode.QUERY) {
            // a snapshot is the forecast at the day's close: nothing won after it
            sales.forEach(perDay -> perDay.keySet().removeIf(day -> day.isAfter(today)));
        }
        Map<LocalDate, BigDecimal> perDay = sales.get(0);
        Map<LocalDate, BigDecimal> countPerDay = sales.get(1);
        BigDecimal sold = Stats.sum(perDay.values());
        BigDecimal won = Stats.sum(countPerDay.values());
        BigDecimal[] planned = plan(request, month);
        BigDecimal plan = planned[0];

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

        BigDecimal runRate = runRate(sold, workingDays, elapsed);
        BigDecimal weighted = null;
        BigDecimal weightedCount = null;
        if (mode != Mode.AS_OF) {
            // sold + the converted open deals expected this month, each weighted by its stage's probability (percent);
            // the deal count counts every open deal, converted or not
            Object[] open = pipeline(request, month, today)
                    .rows(
                            em,
                            "select sum(base_amount * stage_probability), sum(stage_probability) from deal where "
                                    + PIPELINE)
                    .get(0);
            weighted = Stats.money(sold.add(Stats.total(open[0]).movePointLeft(2)));
            weightedCount = Stats.money(won.add(Stats.total(open[1]).movePointLeft(2)));
        }
        History history = history(request, month, elapsed);
        BigDecimal curve = null;
        BigDecimal curveCount = null;
        String note = null;
        if (history.shares.size() < MIN_HISTORY_MONTHS) {
            note = "history too short: " + history.shares.size() + " earlier month(s) with sales, " + MIN_HISTORY_MONTHS
                    + " needed";
        } else {
            BigDecimal meanShare = mean(history.shares);
            if (meanShare.signum() == 0) {
                note = "earlier months had no sales by working day " + elapsed;
            } else {
                curve = Stats.money(sold.divide(meanShare, 6, RoundingMode.HALF_UP));
            }
            BigDecimal meanCountShare = mean(history.countShares);
            if (meanCountShare.signum() != 0) {
                curveCount = Stats.money(won.divide(meanCountShare, 6, RoundingMode.HALF_UP));
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
                new PlanForecastFigures.Forecasts(
                        runRate, weighted, curve, history.shares.size(), note, null, null, null),
                new PlanForecastFigures.DealCountForecasts(
                        planned[1] == null ? null : planned[1].intValue(),
                        won.longValue(),
                        runRate(won, workingDays, elapsed),
                        weightedCount,
                        curveCount),
                needed,
                chance(plan, sold, remaining, elapsedWorkingDaySales),
                CHANCE_METHOD,
                calendar.baseCurrency());
        return new Forecast(figures);
    }

    private static BigDecimal runRate(BigDecimal sold, int workingDays, int elapsed) {
        return elapsed == 0
                ? null
                : Stats.money(sold.multiply(BigDecimal.valueOf(workingDays))
                        .divide(BigDecimal.valueOf(elapsed), 6, RoundingMode.HALF_UP));
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return values.isEmpty()
                ? BigDecimal.ZERO
                : Stats.sum(values).divide(BigDecimal.valueOf(values.size()), 10, RoundingMode.HALF_UP);
    }

    /**
     * With {@code managerId}: the manager's plan. With {@code teamId}: the team's plan, or the plans of the managers
     * in the team now summed. Otherwise the managers' plans summed (the teams' when no manager has one). Null
     * without a plan. Index 0 the amount, 1 the deal count.
     */
    private BigDecimal[] plan(MetricRequest request, YearMonth month) {
        if (request.managerId() != null) {
            return planSum(request, month, "MANAGER", " and p.manager_id = :managerId");
        }
        if (request.teamId() != null) {
            BigDecimal[] team = planSum(request, month, "TEAM", " and p.team_id = :teamId");
            return team[0] != null
                    ? team
                    : planSum(
                            request,
                            month,
                            "MANAGER",
                            " and p.manager_id in (select m.manager_id "
                                    + "from manager_fact m where m.gen = p.gen and m.tenant_id = p.tenant_id and m.team_id = :teamId)");
        }
        BigDecimal[] managers = planSum(request, month, "MANAGER", "");
        return managers[0] != null ? managers : planSum(request, month, "TEAM", "");
    }

    private BigDecimal[] planSum(MetricRequest request, YearMonth month, String scope, String condition) {
        SqlFilter filter = SqlFilter.forTenant("p", request)
                .and("p.month = :month", "month", month.toString())
                .and("p.scope = :scope", "scope", scope)
                .param("managerId", request.managerId())
                .param("teamId", request.teamId());
        Object[] row = filter.rows(
                        em, "select sum(p.amount), sum(p.deal_count) from sales_plan p" + filter.where() + condition)
                .get(0);
        return new BigDecimal[] {Stats.decimal(row[0]), Stats.decimal(row[1])};
    }

    private record History(List<BigDecimal> shares, List<BigDecimal> countShares) {}

    /**
     * For each of the previous months with sales: the share of its sales made by its {@code elapsed}-th working day.
     * The sales per day of the twelve months come in one query.
     */
    private History history(MetricRequest request, YearMonth month, int elapsed) {
        List<BigDecimal> shares = new ArrayList<>();
        List<BigDecimal> countShares = new ArrayList<>();
        WorkCalendar calendar = request.calendar();
        List<Map<LocalDate, BigDecimal>> sales = salesPerDay(
                request,
                month.minusMonths(HISTORY_MONTHS_LOOKED_AT)
                        .atDay(1)
                        .atStartOfDay(request.zone())
                        .toInstant(),
                month.atDay(1).atStartOfDay(request.zone()).toInstant());
        Map<LocalDate, BigDecimal> perDay = sales.get(0);
        for (int back = 1; back <= HISTORY_MONTHS_LOOKED_AT; back++) {
            YearMonth earlier = month.minusMonths(back);
            LocalDate start = earlier.atDay(1);
            LocalDate end = earlier.atEndOfMonth();
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal byCut = BigDecimal.ZERO;
            LocalDate cut = nthWorkingDay(calendar, start, end, elapsed);
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                BigDecimal daySales = perDay.getOrDefault(day, BigDecimal.ZERO);
                total = total.add(daySales);
                if (!day.isAfter(cut)) {
                    byCut = byCut.add(daySales);
                }
            }
            if (total.signum() == 0) {
                continue;
            }
            shares.add(byCut.divide(total, 10, RoundingMode.HALF_UP));
            countShares.add(shareByCut(sales.get(1), start, end, cut));
        }
        return new History(shares, countShares);
    }

    /** The share of a month's won deals won by {@code cut}; zero for a month whose sales have no deal count. */
    private static BigDecimal shareByCut(
            Map<LocalDate, BigDecimal> perDay, LocalDate start, LocalDate end, LocalDate cut) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal byCut = BigDecimal.ZERO;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            BigDecimal count = perDay.getOrDefault(day, BigDecimal.ZERO);
            total = total.add(count);
            if (!day.isAfter(cut)) {
                byCut = byCut.add(count);
            }
        }
        return total.signum() == 0 ? BigDecimal.ZERO : byCut.divide(total, 10, RoundingMode.HALF_UP);
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
