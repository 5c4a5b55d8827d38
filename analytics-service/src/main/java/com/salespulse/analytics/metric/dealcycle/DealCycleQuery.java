package com.salespulse.analytics.metric.dealcycle;

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
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 5 from the won deals of the period and their stage stays. */
@ApplicationScoped
public class DealCycleQuery {

    public static final String METRIC = "deal-cycle";
    public static final int DEFINITION_VERSION = 1;

    private final DealFacts deals;
    private final Labels labels;
    private final ProjectionPositionRepository positions;

    public DealCycleQuery(DealFacts deals, ProjectionPositionRepository positions, Labels labels) {
        this.deals = deals;
        this.positions = positions;
        this.labels = labels;
    }

    @Transactional
    public MetricAnswer<DealCycleFigures> answer(MetricRequest request) {
        List<Deal> won = deals.won(request);
        List<Days> all = new ArrayList<>();
        Map<UUID, List<Days>> perManager = new LinkedHashMap<>();
        List<MetricAnswer.DrillDownItem> items = new ArrayList<>();
        for (Deal deal : won) {
            LocalDate opened = LocalDate.ofInstant(deal.openedAt(), request.zone());
            LocalDate closed = LocalDate.ofInstant(deal.closedAt(), request.zone());
            Days days = new Days(
                    ChronoUnit.DAYS.between(opened, closed),
                    request.calendar().workingDays(opened.plusDays(1), closed));
            all.add(days);
            perManager.computeIfAbsent(deal.managerId(), m -> new ArrayList<>()).add(days);
            items.add(Drill.deal(deal, "WON", days.calendar(), null));
        }
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        List<DealCycleFigures.ManagerCycle> byManager = perManager.entrySet().stream()
                .map(e -> new DealCycleFigures.ManagerCycle(e.getKey(), names.get(e.getKey()), cycle(e.getValue())))
                .sorted(Comparator.comparingLong(
                                (DealCycleFigures.ManagerCycle m) -> m.cycle().wonDeals())
                        .reversed()
                        .thenComparing(m -> m.managerId().toString()))
                .toList();

        Map<UUID, List<BigDecimal>> perStage = new LinkedHashMap<>();
        for (DealFacts.StageVisit visit : deals.stageVisitsOfWon(request)) {
            BigDecimal days = BigDecimal.valueOf(
                            Duration.between(visit.enteredAt(), visit.leftAt()).toMinutes())
                    .divide(BigDecimal.valueOf(24 * 60), 6, RoundingMode.HALF_UP);
            perStage.computeIfAbsent(visit.stageId(), s -> new ArrayList<>()).add(days);
        }
        Map<String, String> stageNames = labels.stageNames(
                request, perStage.keySet().stream().map(UUID::toString).toList());
        List<DealCycleFigures.StageTime> byStage = perStage.entrySet().stream()
                .map(e -> new DealCycleFigures.StageTime(
                        e.getKey(),
                        stageNames.get(e.getKey().toString()),
                        e.getValue().size(),
                        Stats.mean(e.getValue()),
                        Stats.median(e.getValue())))
                .toList();

        DealCycleFigures figures = new DealCycleFigures(cycle(all), byManager, byStage);
        // the won deals behind the figures, newest win first; ageDays is the deal's cycle in calendar days
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                Drill.page(request, "wonDeals", items),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    private record Days(long calendar, long working) {}

    private static DealCycleFigures.Cycle cycle(List<Days> days) {
        List<BigDecimal> calendar =
                days.stream().map(d -> BigDecimal.valueOf(d.calendar())).toList();
        List<BigDecimal> working =
                days.stream().map(d -> BigDecimal.valueOf(d.working())).toList();
        return new DealCycleFigures.Cycle(
                days.size(), Stats.mean(calendar), Stats.median(calendar), Stats.mean(working), Stats.median(working));
    }
}
