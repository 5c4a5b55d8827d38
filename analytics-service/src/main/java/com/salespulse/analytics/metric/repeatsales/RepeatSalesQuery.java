package com.salespulse.analytics.metric.repeatsales;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Answers metric 7 from the won deals of the period. */
@ApplicationScoped
public class RepeatSalesQuery {

    public static final String METRIC = "repeat-sales";
    /**
     * 3: a win is a repeat only when the read model holds an earlier win of the client, by the wins' business times
     * (2 also took deal-service's flag, set by what it knew when the deal was opened: history imported out of order
     * flagged a deal whose client's only other wins came later). 2: merged clients are one client.
     */
    public static final int DEFINITION_VERSION = 3;

    /** Which deals the drill-down lists. */
    public enum DrillFigure {
        REPEAT_DEALS,
        REFERRED_DEALS
    }

    private final DealFacts deals;
    private final Labels labels;
    private final ProjectionPositionRepository positions;

    public RepeatSalesQuery(DealFacts deals, ProjectionPositionRepository positions, Labels labels) {
        this.deals = deals;
        this.positions = positions;
        this.labels = labels;
    }

    @Transactional
    public MetricAnswer<RepeatSalesFigures> answer(MetricRequest request, DrillFigure drill) {
        List<Deal> won = deals.won(request);
        Map<UUID, Instant> previousWins = deals.previousWins(request);
        // a repeat sale: deal-service said so, or the client (merged clients as one) won before in the read model
        Set<UUID> repeat = won.stream()
                .filter(d -> previousWins.containsKey(d.dealId()))
                .map(Deal::dealId)
                .collect(Collectors.toSet());
        Map<UUID, List<Deal>> perManager = new LinkedHashMap<>();
        won.forEach(d -> perManager
                .computeIfAbsent(d.managerId(), m -> new ArrayList<>())
                .add(d));
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        List<RepeatSalesFigures.ManagerShares> byManager = perManager.entrySet().stream()
                .map(e -> new RepeatSalesFigures.ManagerShares(
                        e.getKey(), names.get(e.getKey()), shares(e.getValue(), repeat)))
                .sorted(Comparator.comparingLong((RepeatSalesFigures.ManagerShares m) ->
                                m.shares().wonDeals())
                        .reversed()
                        .thenComparing(m -> m.managerId().toString()))
                .toList();

        List<BigDecimal> days = new ArrayList<>();
        List<MetricAnswer.DrillDownItem> items = new ArrayList<>();
        for (Deal deal : won) {
            if (repeat.contains(deal.dealId())) {
                Instant previous = previousWins.get(deal.dealId());
                Long age = previous == null
                        ? null
                        : ChronoUnit.DAYS.between(
                                LocalDate.ofInstant(previous, request.zone()),
                                LocalDate.ofInstant(deal.closedAt(), request.zone()));
                if (age != null) {
                    days.add(BigDecimal.valueOf(age));
                }
                if (drill == DrillFigure.REPEAT_DEALS) {
                    // ageDays: days since the client's previous win
                    items.add(Drill.deal(deal, "WON", age, Drill.unconverted(deal)));
                }
            }
            if (drill == DrillFigure.REFERRED_DEALS && deal.referredByClientId() != null) {
                items.add(Drill.deal(deal, "WON", "referred by client " + deal.referredByClientId()));
            }
        }
        RepeatSalesFigures figures = new RepeatSalesFigures(
                shares(won, repeat),
                byManager,
                new RepeatSalesFigures.TimeToRepeat(days.size(), Stats.mean(days), Stats.median(days)),
                request.calendar().baseCurrency());
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                Drill.page(request, drill == DrillFigure.REPEAT_DEALS ? "repeatDeals" : "referredDeals", items),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    static RepeatSalesFigures.Shares shares(List<Deal> won, Set<UUID> repeatDeals) {
        Predicate<Deal> isRepeat = d -> repeatDeals.contains(d.dealId());
        long repeat = won.stream().filter(isRepeat).count();
        long referred = won.stream().filter(d -> d.referredByClientId() != null).count();
        BigDecimal revenue = Stats.sum(
                won.stream().filter(Deal::converted).map(Deal::baseAmount).toList());
        BigDecimal repeatRevenue = Stats.sum(won.stream()
                .filter(Deal::converted)
                .filter(isRepeat)
                .map(Deal::baseAmount)
                .toList());
        return new RepeatSalesFigures.Shares(
                won.size(),
                repeat,
                Stats.share(repeat, won.size()),
                referred,
                Stats.share(referred, won.size()),
                Stats.money(revenue),
                Stats.money(repeatRevenue),
                Stats.share(repeatRevenue, revenue));
    }
}
