package com.salespulse.analytics.metric.dealcycle;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.DealFacts.DealSet;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 5 from the won deals of the period and their stage stays, aggregated in the database. */
@ApplicationScoped
public class DealCycleQuery {

    public static final String METRIC = "deal-cycle";
    public static final int DEFINITION_VERSION = 1;

    private final DealFacts deals;
    private final EntityManager em;
    private final Labels labels;
    private final ProjectionPositionRepository positions;

    public DealCycleQuery(DealFacts deals, EntityManager em, ProjectionPositionRepository positions, Labels labels) {
        this.deals = deals;
        this.em = em;
        this.positions = positions;
        this.labels = labels;
    }

    @Transactional
    public MetricAnswer<DealCycleFigures> answer(MetricRequest request) {
        // the figures only count and time the won deals: read without their exchange rates (the drill-down below
        // shows amounts, so it reads them)
        DealSet won = deals.closedUnpriced(request, "WON", request.start(), request.end(), request.managerId());
        // a deal's cycle in working days counts the working days after its opening day up to its closing day: the
        // calendar days less the non-working ones, found by a binary search (width_bucket) in the tenant calendar's
        // non-working days, so the calendar stays in Java and no deal comes here; the array is parsed once (an
        // uncorrelated subquery), not once a row as a parameter cast in a generic plan. It covers the period and
        // the year before it, which holds the openings of nearly every deal won in the period; the statement also
        // tells the earliest opening, and when a deal opened before the array's first day it runs again with an
        // array from that day (a statement for the span of the deals alone was one more pass over the period)
        LocalDate covered = request.from().minusYears(1);
        won.param("nonWorking", nonWorkingDays(request, covered, request.to()));
        List<Object[]> rows = cycles(won);
        LocalDate earliest = rows.stream()
                .filter(row -> ((Number) row[1]).intValue() == 1 && row[9] != null)
                .map(row -> Columns.date(row[9]))
                .findFirst()
                .orElse(covered);
        if (earliest.isBefore(covered)) {
            won.param("nonWorking", nonWorkingDays(request, earliest, request.to()));
            rows = cycles(won);
        }
        DealCycleFigures.Cycle overall = cycle(new Object[9]);
        Map<UUID, DealCycleFigures.Cycle> perManager = new LinkedHashMap<>();
        for (Object[] row : rows) {
            DealCycleFigures.Cycle cycle = cycle(row);
            if (((Number) row[1]).intValue() == 1) {
                overall = cycle;
            } else {
                perManager.put(Columns.uuid(row[0]), cycle);
            }
        }
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        List<DealCycleFigures.ManagerCycle> byManager = perManager.entrySet().stream()
                .map(e -> new DealCycleFigures.ManagerCycle(e.getKey(), names.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(
                                (DealCycleFigures.ManagerCycle m) -> m.cycle().wonDeals())
                        .reversed()
                        .thenComparing(m -> m.managerId().toString()))
                .toList();

        // the ended stays in a stage of the won deals: whole minutes (truncated) in days, six decimals; stages in
        // the order of their first stay. Read from won_deal_stay (migration V2026_12_23_40: each won deal's finished
        // stays under its closing, with their whole minutes, written by the card-stay moves), one range of its key
        // for the period, joined to the won deals on (closed_at, deal_id): the period's stays only, never card_stay,
        // whose whole table a long period's join read (every tenant's stays, the leads' too); a reopened deal's rows
        // of an earlier win carry another closed_at and join nothing. The medians order the whole minutes: rounding
        // them to days keeps their order, so the middle stays are the same ones and only their two values become
        // days; the sum adds each stay's rounded days, as from the stays
        List<Object[]> stages = won.rows(
                em,
                ", stay as (select cast(w.stage as uuid) as stage_id, w.entered_at, w.minutes "
                        + "from deal join won_deal_stay w on w.gen = deal.gen and w.tenant_id = deal.tenant_id "
                        + "and w.closed_at = deal.closed_at and w.deal_id = deal.deal_id "
                        + "where w.gen = :gen and w.tenant_id = :tenant and w.closed_at >= :start and w.closed_at < :end) "
                        + "select stage_id, count(*), sum(round(minutes / 1440.0, 6)), "
                        + "round(" + Stats.middle("minutes", 1) + " / 1440.0, 6), "
                        + "round(" + Stats.middle("minutes", 2) + " / 1440.0, 6) "
                        + "from stay group by stage_id order by min(entered_at), stage_id");
        Map<String, String> stageNames = labels.stageNames(
                request, stages.stream().map(row -> row[0].toString()).toList());
        List<DealCycleFigures.StageTime> byStage = stages.stream()
                .map(row -> {
                    long count = Stats.count(row[1]);
                    return new DealCycleFigures.StageTime(
                            Columns.uuid(row[0]),
                            stageNames.get(row[0].toString()),
                            count,
                            Stats.mean(Stats.total(row[2]), count),
                            Stats.median(Stats.decimal(row[3]), Stats.decimal(row[4])));
                })
                .toList();

        DealCycleFigures figures = new DealCycleFigures(overall, byManager, byStage);
        // the won deals behind the figures, newest win first; ageDays is the deal's cycle in calendar days
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                deals.page(
                        request,
                        deals.won(request),
                        "wonDeals",
                        "",
                        "deal",
                        "true",
                        DAYS,
                        (deal, age) -> Drill.deal(deal, "WON", age, null),
                        overall.wonDeals()),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** Calendar days of a won deal of {@code deal}: closing day less opening day. */
    private static final String DAYS = "(closed_day - opened_day)";

    /** Working days of a won deal of {@code deal}, by the non-working days of {@code :nonWorking}. */
    private static final String WORKING = "greatest(0, " + DAYS
            + " - (width_bucket(closed_day, (select cast(:nonWorking as date[]))) "
            + "- width_bucket(opened_day, (select cast(:nonWorking as date[])))))";

    /**
     * The cycles of the won deals ({@link DealFacts#won}'s relation {@code deal}), overall (grouping 1) and per
     * manager: manager, grouping, count, then sum and middle bounds of calendar days, then of working days, then the
     * earliest opening day. It reads only columns deal_fact_newest carries (migration V2026_12_25_20), so the period's
     * deals are an index-only range.
     */
    public static final String CYCLES = "select manager_id, grouping(manager_id), count(*), sum(" + DAYS + "), "
            + Stats.medianBounds(DAYS) + ", sum(" + WORKING + "), " + Stats.medianBounds(WORKING)
            + ", min(opened_day) from deal group by grouping sets ((), (manager_id))";

    private List<Object[]> cycles(DealSet won) {
        return won.rows(em, CYCLES);
    }

    /**
     * The tenant calendar's non-working days from {@code first} to {@code last} as a SQL date array literal, sorted;
     * never empty (a day before them all stands first, which cancels out in a difference of two counts).
     */
    static String nonWorkingDays(MetricRequest request, LocalDate first, LocalDate last) {
        StringBuilder days = new StringBuilder("{0001-01-01");
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!request.calendar().isWorkingDay(day)) {
                days.append(',').append(day);
            }
        }
        return days.append('}').toString();
    }

    /** A cycle from an aggregate row: count, then sum and middle bounds of calendar days, then of working days. */
    private static DealCycleFigures.Cycle cycle(Object[] row) {
        long count = Stats.count(row[2]);
        return new DealCycleFigures.Cycle(
                count,
                Stats.mean(Stats.total(row[3]), count),
                Stats.median(Stats.decimal(row[4]), Stats.decimal(row[5])),
                Stats.mean(Stats.total(row[6]), count),
                Stats.median(Stats.decimal(row[7]), Stats.decimal(row[8])));
    }
}
