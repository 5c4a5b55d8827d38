package com.salespulse.analytics.metric;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The drill-down of a deal metric: the deals behind a figure, one page of them. */
public final class Drill {

    private Drill() {}

    public static MetricAnswer.DrillDown page(
            MetricRequest request, String figure, List<MetricAnswer.DrillDownItem> all) {
        int from = Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new MetricAnswer.DrillDown(figure, request.page(), request.size(), all.size(), all.subList(from, to));
    }

    /**
     * A deal as a drill-down row: the client's name as title, its status, the moment it closed (or opened), its
     * amount in the base currency, so a list can be shown without asking deal-service.
     */
    public static MetricAnswer.DrillDownItem deal(DealFacts.Deal deal, String status, String reason) {
        return deal(deal, status, null, reason);
    }

    /** The same with an age in days (the deal's cycle, the days since the client's previous win…). */
    public static MetricAnswer.DrillDownItem deal(DealFacts.Deal deal, String status, Long ageDays, String reason) {
        return deal(deal, status, deal.closedAt() != null ? deal.closedAt() : deal.openedAt(), ageDays, reason);
    }

    /**
     * The same about another moment (the card entered its stage, was last touched, its owner was dismissed…);
     * {@code status} is the deal's status code (OPEN, WON, LOST), its stage the one it is in.
     */
    public static MetricAnswer.DrillDownItem deal(
            DealFacts.Deal deal, String status, Instant at, Long ageDays, String reason) {
        return MetricAnswer.DrillDownItem.of(
                        "DEAL",
                        deal.dealId(),
                        deal.managerId(),
                        deal.clientName(),
                        deal.source(),
                        deal.stageId() == null ? null : deal.stageId().toString(),
                        status,
                        at,
                        ageDays,
                        reason)
                .withAmount(Stats.money(deal.baseAmount()));
    }

    /**
     * The drill-down of a card metric (3, 11, 12): one page of its cards, where each deal is shown as the deal metrics
     * show it ({@link #deal}: the client's name, the amount in the base currency, or the reason there is none) with
     * the card metric's own status, moment, age and manager. Only the page's deals are read, so a long list costs one page.
     */
    public static MetricAnswer.DrillDown cardPage(
            MetricRequest request, String figure, List<MetricAnswer.DrillDownItem> all, DealFacts deals) {
        MetricAnswer.DrillDown page = page(request, figure, all);
        Map<UUID, DealFacts.Deal> shown = deals.byId(
                request,
                page.items().stream()
                        .filter(item -> "DEAL".equals(item.cardType()))
                        .map(MetricAnswer.DrillDownItem::cardId)
                        .toList());
        List<MetricAnswer.DrillDownItem> items = page.items().stream()
                .map(item -> {
                    DealFacts.Deal deal = shown.get(item.cardId());
                    if (deal == null || !"DEAL".equals(item.cardType())) {
                        return item;
                    }
                    MetricAnswer.DrillDownItem row = deal(
                            deal,
                            item.status(),
                            item.at(),
                            item.ageDays(),
                            item.reason() != null ? item.reason() : unconverted(deal));
                    // the metric's own manager when it has one (metric 12: the manager a transfer moved the deal to),
                    // else the owner now
                    return row.withManager(item.managerId() != null ? item.managerId() : row.managerId());
                })
                .toList();
        return new MetricAnswer.DrillDown(page.figure(), page.page(), page.size(), page.totalItems(), items);
    }

    /** Why a deal is left out of money figures. */
    public static String unconverted(DealFacts.Deal deal) {
        return deal.converted() ? null : "no exchange rate from " + deal.currency() + " to the base currency";
    }
}
