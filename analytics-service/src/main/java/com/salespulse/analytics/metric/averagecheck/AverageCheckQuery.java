package com.salespulse.analytics.metric.averagecheck;

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
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 4 from the won deals of the period, aggregated in the database. */
@ApplicationScoped
public class AverageCheckQuery {

    public static final String METRIC = "average-check";
    public static final int DEFINITION_VERSION = 1;

    private final DealFacts deals;
    private final EntityManager em;
    private final Labels labels;
    private final ProjectionPositionRepository positions;

    public AverageCheckQuery(DealFacts deals, EntityManager em, ProjectionPositionRepository positions, Labels labels) {
        this.deals = deals;
        this.em = em;
        this.positions = positions;
        this.labels = labels;
    }

    /**
     * The checks of the won deals ({@link DealFacts#won}'s relation {@code deal}), overall (grouping 1) and per
     * manager: manager, grouping, won deals, converted ones, their sum and middle amounts. It reads only columns
     * deal_fact_newest carries (migration V2026_12_25_20), so the period's deals are an index-only range.
     */
    public static final String CHECKS = "select manager_id, grouping(manager_id), count(*), count(base_amount), "
            + "sum(base_amount), " + Stats.medianBounds("base_amount")
            + " from deal group by grouping sets ((), (manager_id))";

    @Transactional
    public MetricAnswer<AverageCheckFigures> answer(MetricRequest request) {
        DealSet won = deals.won(request);
        // overall (manager null, grouping 1) and per manager credited with the win; only converted deals count in a
        // check, and a manager with none has no line
        AverageCheckFigures.Check overall = check(0, null, null, null);
        long wonDeals = 0;
        Map<UUID, AverageCheckFigures.Check> perManager = new LinkedHashMap<>();
        for (Object[] row : won.rows(em, CHECKS)) {
            AverageCheckFigures.Check check = check(Stats.count(row[3]), row[4], row[5], row[6]);
            if (((Number) row[1]).intValue() == 1) {
                overall = check;
                wonDeals = Stats.count(row[2]);
            } else if (check.wonDeals() > 0) {
                perManager.put(Columns.uuid(row[0]), check);
            }
        }
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        List<AverageCheckFigures.ManagerCheck> byManager = perManager.entrySet().stream()
                .map(e -> new AverageCheckFigures.ManagerCheck(e.getKey(), names.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparing((AverageCheckFigures.ManagerCheck m) ->
                                m.check().revenue())
                        .reversed()
                        .thenComparing(m -> m.managerId().toString()))
                .toList();
        // per category: a converted deal's check in a category is the sum of its lines of that category (kept per won
        // deal and category: DealFacts.wonCategories)
        List<AverageCheckFigures.CategoryCheck> byCategory = deals
                .wonCategories(request)
                .rows(
                        em,
                        "select category, count(*), sum(base_amount), " + Stats.medianBounds("base_amount")
                                + " from won_category where base_amount is not null group by category")
                .stream()
                .map(row -> new AverageCheckFigures.CategoryCheck(
                        (String) row[0], check(Stats.count(row[1]), row[2], row[3], row[4])))
                .sorted(Comparator.comparing((AverageCheckFigures.CategoryCheck c) ->
                                c.check().revenue())
                        .reversed()
                        .thenComparing(AverageCheckFigures.CategoryCheck::category))
                .toList();
        AverageCheckFigures figures = new AverageCheckFigures(
                overall,
                byManager,
                byCategory,
                wonDeals - overall.wonDeals(),
                request.calendar().baseCurrency());

        // the won deals behind the figures, newest win first; a deal left out for want of a rate says so
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                deals.page(
                        request,
                        won,
                        "wonDeals",
                        "",
                        "deal",
                        "true",
                        "null",
                        (deal, age) -> Drill.deal(deal, "WON", Drill.unconverted(deal)),
                        wonDeals),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** A check from its aggregates: count, sum, and the two middle amounts. */
    static AverageCheckFigures.Check check(long count, Object sum, Object lower, Object upper) {
        BigDecimal total = Stats.total(sum);
        return new AverageCheckFigures.Check(
                count,
                Stats.money(total),
                Stats.mean(total, count),
                Stats.median(Stats.decimal(lower), Stats.decimal(upper)));
    }
}
