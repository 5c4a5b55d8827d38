package com.salespulse.analytics.metric.averagecheck;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.DealFacts.Deal;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 4 from the won deals of the period. */
@ApplicationScoped
public class AverageCheckQuery {

    public static final String METRIC = "average-check";
    public static final int DEFINITION_VERSION = 1;

    private final DealFacts deals;
    private final Labels labels;
    private final ProjectionPositionRepository positions;

    public AverageCheckQuery(DealFacts deals, ProjectionPositionRepository positions, Labels labels) {
        this.deals = deals;
        this.positions = positions;
        this.labels = labels;
    }

    @Transactional
    public MetricAnswer<AverageCheckFigures> answer(MetricRequest request) {
        List<Deal> won = deals.won(request);
        List<Deal> converted = won.stream().filter(Deal::converted).toList();

        Map<UUID, List<BigDecimal>> perManager = new LinkedHashMap<>();
        Map<String, List<BigDecimal>> perCategory = new LinkedHashMap<>();
        for (Deal deal : converted) {
            perManager.computeIfAbsent(deal.managerId(), m -> new ArrayList<>()).add(deal.baseAmount());
            Map<String, BigDecimal> categories = new LinkedHashMap<>();
            deal.lines().forEach(line -> categories.merge(line.category(), line.amountBase(), BigDecimal::add));
            categories.forEach((category, amount) -> perCategory
                    .computeIfAbsent(category, c -> new ArrayList<>())
                    .add(amount));
        }
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        List<AverageCheckFigures.ManagerCheck> byManager = perManager.entrySet().stream()
                .map(e -> new AverageCheckFigures.ManagerCheck(e.getKey(), names.get(e.getKey()), check(e.getValue())))
                .sorted(Comparator.comparing((AverageCheckFigures.ManagerCheck m) ->
                                m.check().revenue())
                        .reversed()
                        .thenComparing(m -> m.managerId().toString()))
                .toList();
        List<AverageCheckFigures.CategoryCheck> byCategory = perCategory.entrySet().stream()
                .map(e -> new AverageCheckFigures.CategoryCheck(e.getKey(), check(e.getValue())))
                .sorted(Comparator.comparing((AverageCheckFigures.CategoryCheck c) ->
                                c.check().revenue())
                        .reversed()
                        .thenComparing(AverageCheckFigures.CategoryCheck::category))
                .toList();
        AverageCheckFigures figures = new AverageCheckFigures(
                check(converted.stream().map(Deal::baseAmount).toList()),
                byManager,
                byCategory,
                won.size() - converted.size(),
                request.calendar().baseCurrency());

        // the won deals behind the figures, newest win first; a deal left out for want of a rate says so
        List<MetricAnswer.DrillDownItem> items = won.stream()
                .map(d -> Drill.deal(d, "WON", Drill.unconverted(d)))
                .toList();
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                Drill.page(request, "wonDeals", items),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    static AverageCheckFigures.Check check(List<BigDecimal> amounts) {
        return new AverageCheckFigures.Check(
                amounts.size(), Stats.money(Stats.sum(amounts)), Stats.mean(amounts), Stats.median(amounts));
    }
}
