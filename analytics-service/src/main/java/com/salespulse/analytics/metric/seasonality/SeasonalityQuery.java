package com.salespulse.analytics.metric.seasonality;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.DealFacts.DealSet;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;

/** Answers metric 6 from lead_fact (inflow) and the won deals (sales) over several years, counted in the database. */
@ApplicationScoped
public class SeasonalityQuery {

    public static final String METRIC = "seasonality";
    public static final int DEFINITION_VERSION = 1;
    public static final int DEFAULT_YEARS = 3;
    public static final int MIN_MONTHS = 24;
    public static final int MIN_WEEKS = 8;

    private final DealFacts deals;
    private final EntityManager em;
    private final ProjectionPositionRepository positions;

    public SeasonalityQuery(DealFacts deals, EntityManager em, ProjectionPositionRepository positions) {
        this.deals = deals;
        this.em = em;
        this.positions = positions;
    }

    @Transactional
    public MetricAnswer<SeasonalityFigures> answer(MetricRequest request, int years) {
        LocalDate historyTo = request.to();
        LocalDate historyFrom = historyTo.minusYears(years).plusDays(1);
        Instant start = historyFrom.atStartOfDay(request.zone()).toInstant();
        Instant end = historyTo.plusDays(1).atStartOfDay(request.zone()).toInstant();

        // the leads and the wins counted by (month, ISO weekday, hour) in the tenant's zone: at most 2 016 rows
        List<Slot> leads = slots(leadHours(request, start, end));
        // the wins from the rollup per closing hour where it can answer (DealFacts.wonHours)
        List<Slot> won = slots(deals.wonHours(request, start, end, request.managerId())
                .rows(
                        em,
                        "select " + slot("closed_hour")
                                + ", sum(deals), sum(base_amount), min(closed_hour) from won_hour group by 1, 2, 3"));
        DealSet wonSet = deals.won(request, start, end, request.managerId());

        Instant first = null;
        for (Slot slot : leads) {
            first = first == null || slot.first().isBefore(first) ? slot.first() : first;
        }
        for (Slot slot : won) {
            first = first == null || slot.first().isBefore(first) ? slot.first() : first;
        }
        LocalDate firstDay = first == null ? historyTo.plusDays(1) : LocalDate.ofInstant(first, request.zone());
        int months = first == null
                ? 0
                : (int) ChronoUnit.MONTHS.between(firstDay.withDayOfMonth(1), historyTo.withDayOfMonth(1)) + 1;
        long weeks = first == null ? 0 : ChronoUnit.DAYS.between(firstDay, historyTo.plusDays(1)) / 7;
        boolean monthsEnough = months >= MIN_MONTHS;
        boolean weeksEnough = weeks >= MIN_WEEKS;
        String note = monthsEnough
                ? null
                : "history too short: " + months + " month(s) of data, " + MIN_MONTHS
                        + " needed for the month-of-year index"
                        + (weeksEnough ? "" : ", " + MIN_WEEKS + " weeks for the weekday and hour indices");

        SeasonalityFigures figures = new SeasonalityFigures(
                historyFrom,
                historyTo,
                months,
                note,
                buckets(1, 12, leads, won, Slot::month, monthsEnough),
                buckets(1, 7, leads, won, Slot::weekday, weeksEnough),
                buckets(0, 23, leads, won, Slot::hour, weeksEnough),
                request.calendar().baseCurrency());
        // the won deals of the history, newest first
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                deals.page(
                        request,
                        wonSet,
                        "wonDeals",
                        "",
                        "deal",
                        "true",
                        "null",
                        (deal, age) -> Drill.deal(deal, "WON", Drill.unconverted(deal))),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** Every manager's rows of lead_hour (migration V2026_12_18_30). */
    private static final UUID EVERY_MANAGER = new UUID(0, 0);

    /**
     * The leads created within [start, end) with the request's source and manager filters (seasonality does not
     * narrow leads by team), counted per slot with the first moment: from the rollup {@code lead_hour} (a few rows an
     * hour, the first moment its hour), or from the facts in a zone whose offset in the period is not whole hours (an
     * hour would straddle two days).
     */
    private List<Object[]> leadHours(MetricRequest request, Instant start, Instant end) {
        if (!DealFacts.wholeHours(request.zone(), start, end)) {
            SqlFilter filter = SqlFilter.forTenant("l", request)
                    .and("l.created_at >= :start", "start", start)
                    .and("l.created_at < :end", "end", end)
                    .and("l.source = :source", "source", request.source())
                    .and("l.manager_id = :managerId", "managerId", request.managerId())
                    .param("zone", request.zone().getId());
            return filter.rows(
                    em,
                    "select " + slot("l.created_at") + ", count(*), 0, min(l.created_at) from lead_fact l"
                            + filter.where() + "group by 1, 2, 3");
        }
        SqlFilter filter = SqlFilter.forTenant("r", request)
                .and(
                        "r.manager_id = :managerId",
                        "managerId",
                        request.managerId() == null ? EVERY_MANAGER : request.managerId())
                .and("r.created_hour >= :start", "start", start)
                .and("r.created_hour < :end", "end", end)
                .and("r.source = :source", "source", request.source())
                .param("zone", request.zone().getId());
        // the hour's sources summed first, so each hour is placed in the zone once
        return filter.rows(
                em,
                "select " + slot("r.created_hour") + ", sum(r.leads), 0, min(r.created_hour) from (select "
                        + "r.created_hour, sum(r.leads) as leads from lead_hour r" + filter.where()
                        + "group by r.created_hour) r group by 1, 2, 3");
    }

    /** Leads or wins of one (month, ISO weekday, hour) of the tenant's zone: how many, their revenue, the first. */
    private record Slot(int month, int weekday, int hour, long count, BigDecimal revenue, Instant first) {}

    private static String slot(String moment) {
        String local = moment + " at time zone :zone";
        return "cast(extract(month from " + local + ") as int), cast(extract(isodow from " + local + ") as int), "
                + "cast(extract(hour from " + local + ") as int)";
    }

    private static List<Slot> slots(List<Object[]> rows) {
        return rows.stream()
                .map(row -> new Slot(
                        ((Number) row[0]).intValue(),
                        ((Number) row[1]).intValue(),
                        ((Number) row[2]).intValue(),
                        Stats.count(row[3]),
                        Stats.total(row[4]),
                        Columns.instant(row[5])))
                .toList();
    }

    private static List<SeasonalityFigures.Bucket> buckets(
            int firstKey, int lastKey, List<Slot> leads, List<Slot> won, ToIntFunction<Slot> key, boolean enough) {
        int size = lastKey - firstKey + 1;
        long[] leadCount = new long[size];
        long[] wonCount = new long[size];
        BigDecimal[] revenue = new BigDecimal[size];
        java.util.Arrays.fill(revenue, BigDecimal.ZERO);
        leads.forEach(slot -> leadCount[key.applyAsInt(slot) - firstKey] += slot.count());
        for (Slot slot : won) {
            int k = key.applyAsInt(slot) - firstKey;
            wonCount[k] += slot.count();
            revenue[k] = revenue[k].add(slot.revenue());
        }
        long leadTotal = java.util.Arrays.stream(leadCount).sum();
        BigDecimal revenueTotal = Stats.sum(List.of(revenue));
        List<SeasonalityFigures.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            buckets.add(new SeasonalityFigures.Bucket(
                    i + firstKey,
                    leadCount[i],
                    wonCount[i],
                    Stats.money(revenue[i]),
                    enough ? index(BigDecimal.valueOf(leadCount[i]), BigDecimal.valueOf(leadTotal), size) : null,
                    enough ? index(revenue[i], revenueTotal, size) : null));
        }
        return buckets;
    }

    /** value / (total / buckets); null when there is nothing at all. */
    static BigDecimal index(BigDecimal value, BigDecimal total, int buckets) {
        return total.signum() == 0
                ? null
                : value.multiply(BigDecimal.valueOf(buckets)).divide(total, 2, RoundingMode.HALF_UP);
    }
}
