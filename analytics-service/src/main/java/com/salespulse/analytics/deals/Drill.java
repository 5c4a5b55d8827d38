package com.salespulse.analytics.deals;

import java.util.List;

import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;

/** The drill-down of a deal metric: the deals behind a figure, one page of them. */
public final class Drill {

    private Drill() {
    }

    public static MetricAnswer.DrillDown page(MetricRequest request, String figure, List<MetricAnswer.DrillDownItem> all) {
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
        return new MetricAnswer.DrillDownItem("DEAL", deal.dealId(), deal.managerId(), deal.clientName(), deal.source(),
                status, deal.closedAt() != null ? deal.closedAt() : deal.openedAt(), ageDays, reason,
                Stats.money(deal.baseAmount()));
    }

    /** Why a deal is left out of money figures. */
    public static String unconverted(DealFacts.Deal deal) {
        return deal.converted() ? null : "no exchange rate from " + deal.currency() + " to the base currency";
    }
}
