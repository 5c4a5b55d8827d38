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

    /** A deal as a drill-down row: client name as title, its status, the moment it closed (or opened). */
    public static MetricAnswer.DrillDownItem deal(DealFacts.Deal deal, String status, String reason) {
        return new MetricAnswer.DrillDownItem("DEAL", deal.dealId(), deal.managerId(), deal.clientName(), deal.source(),
                status, deal.closedAt() != null ? deal.closedAt() : deal.openedAt(), null, reason);
    }

    /** Why a deal is left out of money figures. */
    public static String unconverted(DealFacts.Deal deal) {
        return deal.converted() ? null : "no exchange rate from " + deal.currency() + " to the base currency";
    }
}
