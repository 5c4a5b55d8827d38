package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Forecast accuracy (issue 20): the forecast snapshots of closed months against their actual sales, per method, and
 * the method metric 9 shows by default. The snapshots of one owner over at most {@link #MAX_MONTHS} months are at most
 * a few hundred rows (23 working days x 3 methods a month), so the errors are worked out here; the actual sales come
 * from the read model, one query a month.
 */
@ApplicationScoped
public class ForecastAccuracyQuery {

    public static final String METRIC = "plan-forecast-accuracy";
    public static final int DEFINITION_VERSION = 1;
    public static final String RUN_RATE = "runRate";
    public static final String WEIGHTED_PIPELINE = "weightedPipeline";
    public static final String HISTORICAL_CURVE = "historicalCurve";
    /** Closed months the default method of metric 9 is chosen over. */
    public static final int DEFAULT_MONTHS = 3;
    /** The longest span of months the accuracy answers for. */
    public static final int MAX_MONTHS = 12;

    private static final int SCALE = 10;

    /** The forecast metric 9 shows by default, and why. */
    public record DefaultMethod(String method, String reason) {}

    private final PlanForecastQuery forecasts;
    private final EntityManager em;

    public ForecastAccuracyQuery(PlanForecastQuery forecasts, EntityManager em) {
        this.forecasts = forecasts;
        this.em = em;
    }

    /**
     * The accuracy of the owner's forecasts over the closed months from..to, with the actual sales read now.
     *
     * @param request tenant, generation, calendar and now (its period and filters are not used)
     */
    @Transactional
    public ForecastAccuracyFigures accuracy(MetricRequest request, YearMonth from, YearMonth to, PlanOwner owner) {
        List<Snapshot> snapshots = new ArrayList<>();
        for (Object found : em.createNativeQuery("""
                select day, month, working_day, method, source, amount, deal_count, chance_to_meet_plan
                from forecast_snapshot
                where tenant_id = ?1 and owner_key = ?2 and month >= ?3 and month <= ?4
                order by day, case method when 'runRate' then 0 when 'weightedPipeline' then 1 else 2 end""")
                .setParameter(1, request.tenant())
                .setParameter(2, owner.key())
                .setParameter(3, from.toString())
                .setParameter(4, to.toString())
                .getResultList()) {
            Object[] row = (Object[]) found;
            snapshots.add(new Snapshot(
                    Columns.date(row[0]),
                    (String) row[1],
                    ((Number) row[2]).intValue(),
                    (String) row[3],
                    (String) row[4],
                    Stats.decimal(row[5]),
                    Stats.decimal(row[6]),
                    Stats.decimal(row[7])));
        }
        Map<String, PlanForecastQuery.Sales> actuals = new TreeMap<>();
        for (String month : snapshots.stream().map(Snapshot::month).distinct().toList()) {
            YearMonth m = YearMonth.parse(month);
            actuals.put(
                    month,
                    forecasts.actual(
                            owner.request(request.tenant(), request.gen(), request.calendar(), m, request.now()), m));
        }

        Map<String, Errors> byMethod = new LinkedHashMap<>();
        ForecastSnapshots.METHODS.forEach(method -> byMethod.put(method, new Errors()));
        Map<Integer, Map<String, Errors>> byDay = new TreeMap<>();
        List<ForecastAccuracyFigures.DayForecast> days = new ArrayList<>();
        for (Snapshot s : snapshots) {
            PlanForecastQuery.Sales actual = actuals.get(s.month);
            BigDecimal error = error(s.amount, actual.amount());
            BigDecimal countError = error(s.dealCount, BigDecimal.valueOf(actual.deals()));
            byMethod.computeIfAbsent(s.method, m -> new Errors()).add(error, countError);
            byDay.computeIfAbsent(s.workingDay, d -> new LinkedHashMap<>())
                    .computeIfAbsent(s.method, m -> new Errors())
                    .add(error, countError);
            days.add(new ForecastAccuracyFigures.DayForecast(
                    s.day,
                    s.month,
                    s.workingDay,
                    s.method,
                    s.source,
                    s.amount,
                    actual.amount(),
                    round(error),
                    s.dealCount,
                    actual.deals(),
                    round(countError),
                    s.chance));
        }

        List<ForecastAccuracyFigures.Month> months = new ArrayList<>();
        Map<String, List<Snapshot>> perMonth =
                snapshots.stream().collect(Collectors.groupingBy(Snapshot::month, TreeMap::new, Collectors.toList()));
        perMonth.forEach((month, rows) -> months.add(new ForecastAccuracyFigures.Month(
                month,
                actuals.get(month).amount(),
                actuals.get(month).deals(),
                (int) rows.stream().map(Snapshot::day).distinct().count(),
                (int) rows.stream()
                        .filter(r -> "BACKFILL".equals(r.source))
                        .map(Snapshot::day)
                        .distinct()
                        .count())));

        int mostDays =
                byMethod.values().stream().mapToInt(e -> e.amount.n).max().orElse(0);
        List<ForecastAccuracyFigures.MethodAccuracy> methods = new ArrayList<>();
        byMethod.forEach((method, e) -> methods.add(new ForecastAccuracyFigures.MethodAccuracy(
                method,
                e.amount.n,
                e.amount.mape(),
                e.amount.bias(),
                e.count.n,
                e.count.mape(),
                e.count.bias(),
                e.amount.n > 0 && 2 * e.amount.n >= mostDays)));
        ForecastAccuracyFigures.MethodAccuracy best = methods.stream()
                .filter(ForecastAccuracyFigures.MethodAccuracy::ranked)
                .min(Comparator.comparing(ForecastAccuracyFigures.MethodAccuracy::mape))
                .orElse(null);
        String span = from.equals(to) ? from.toString() : from + ".." + to;
        String compared = methods.stream()
                .map(m -> m.method() + " "
                        + (m.days() == 0
                                ? "not measured"
                                : m.mape().toPlainString() + " over " + m.days() + " day(s)"
                                        + (m.ranked() ? "" : ", too few to rank")))
                .collect(Collectors.joining(", "));
        String reason = best == null
                ? "No forecast could be measured in " + span + ": no snapshot of a closed month with sales."
                : best.method() + " had the lowest mean absolute percentage error of the sales forecast in " + span
                        + " (" + compared + ").";

        List<ForecastAccuracyFigures.DayOfMonthAccuracy> byDayOfMonth = new ArrayList<>();
        byDay.forEach((day, perMethod) ->
                perMethod.forEach((method, e) -> byDayOfMonth.add(new ForecastAccuracyFigures.DayOfMonthAccuracy(
                        day, method, e.amount.n, e.amount.mape(), e.amount.bias(), e.count.mape(), e.count.bias()))));
        return new ForecastAccuracyFigures(
                months, methods, best == null ? null : best.method(), reason, byDayOfMonth, days);
    }

    /**
     * The method metric 9 shows by default for {@code month}: the tenant's best over the {@link #DEFAULT_MONTHS}
     * closed months before it (before the current month, for a month not over yet), run-rate when none was measured.
     */
    @Transactional
    public DefaultMethod defaultFor(MetricRequest request, YearMonth month) {
        YearMonth current = YearMonth.from(LocalDate.ofInstant(request.now(), request.zone()));
        YearMonth to = (month.isBefore(current) ? month : current).minusMonths(1);
        YearMonth from = to.minusMonths(DEFAULT_MONTHS - 1);
        ForecastAccuracyFigures figures = accuracy(request, from, to, PlanOwner.tenant());
        if (figures.bestMethod() == null) {
            return new DefaultMethod(
                    RUN_RATE,
                    "Run-rate, until a method can be compared: no forecast snapshot of a closed month with sales in "
                            + from + ".." + to + ".");
        }
        return new DefaultMethod(figures.bestMethod(), figures.bestMethodReason());
    }

    /** (forecast - actual) / actual; null without a forecast or when the actual is zero. */
    static BigDecimal error(BigDecimal forecast, BigDecimal actual) {
        if (forecast == null || actual == null || actual.signum() == 0) {
            return null;
        }
        return forecast.subtract(actual).divide(actual, SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal round(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP);
    }

    private record Snapshot(
            LocalDate day,
            String month,
            int workingDay,
            String method,
            String source,
            BigDecimal amount,
            BigDecimal dealCount,
            BigDecimal chance) {}

    /** Running sums of the errors of the amount and of the deal count. */
    private static final class Errors {
        final Sums amount = new Sums();
        final Sums count = new Sums();

        void add(BigDecimal amountError, BigDecimal countError) {
            amount.add(amountError);
            count.add(countError);
        }
    }

    private static final class Sums {
        int n;
        BigDecimal absolute = BigDecimal.ZERO;
        BigDecimal signed = BigDecimal.ZERO;

        void add(BigDecimal error) {
            if (error == null) {
                return;
            }
            n++;
            absolute = absolute.add(error.abs());
            signed = signed.add(error);
        }

        BigDecimal mape() {
            return n == 0 ? null : absolute.divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP);
        }

        BigDecimal bias() {
            return n == 0 ? null : signed.divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP);
        }
    }
}
