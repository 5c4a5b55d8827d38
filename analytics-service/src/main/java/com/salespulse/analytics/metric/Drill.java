package com.salespulse.analytics.metric;

import com.salespulse.analytics.readmodel.SqlFilter;
import com.salespulse.problem.page.SortOrder;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The drill-down of a deal metric: the deals behind a figure, one page of them. */
public final class Drill {

    private Drill() {}

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
     * The order a drill-down page is read in, as SQL ({@code " order by …"}), with the {@code ?sort=} it applied (null
     * for the drill-down's default) and the fields it accepts.
     */
    public record Order(String sql, String applied, List<String> fields) {}

    /**
     * The drill-down's fields {@code ?sort=} accepts, each a SQL expression over the drill-down's rows, in the order
     * a 400 lists them; {@code key} is the rows' unique key (one or more columns), the tie-breaker.
     */
    public static Sortable sortable(String key, String... fieldThenExpression) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldThenExpression.length; i += 2) {
            fields.put(fieldThenExpression[i], fieldThenExpression[i + 1]);
        }
        return new Sortable(List.of(key.split(",\\s*")), fields);
    }

    /** What a drill-down can be sorted by: {@link #sortable}. */
    public record Sortable(List<String> key, Map<String, String> fields) {}

    /**
     * The drill-down's order for the request: its default ({@code fallback}, a whole {@code " order by …"}) when
     * {@code ?sort=} is left out, else the field asked for (nulls last either way), then the key in the same
     * direction, so pages never overlap; a field outside the allow-list (or {@code ?sort=} given empty) is a 400
     * naming {@code sort} (rest-problem's {@link SortOrder}, the suite's one convention).
     */
    public static Order order(MetricRequest request, Sortable sortable, String fallback) {
        List<String> fields = List.copyOf(sortable.fields().keySet());
        if (request.sort() == null) {
            return new Order(fallback, null, fields);
        }
        SortOrder sort = SortOrder.parse(request.sort(), new MultivaluedHashMap<>(), fields.get(0), fields);
        String direction = sort.descending() ? " desc" : "";
        List<String> terms = new ArrayList<>();
        terms.add(sortable.fields().get(sort.field()) + direction + " nulls last");
        sortable.key().forEach(column -> terms.add(column + direction));
        return new Order(
                " order by " + terms.stream().collect(Collectors.joining(", ")),
                (sort.descending() ? "-" : "") + sort.field(),
                fields);
    }

    /** The end of a query that reads one drill-down page ({@link #paged} binds it). */
    public static final String PAGE = " limit :pageSize offset :pageOffset";

    /** Binds {@link #PAGE}'s parameters for the request's page. */
    public static SqlFilter paged(SqlFilter filter, MetricRequest request) {
        return filter.param("pageSize", request.size()).param("pageOffset", request.offset());
    }

    /**
     * The drill-down of a card metric (3, 11, 12) from one page a query read ({@link #PAGE}) and the count of all
     * pages' cards: each deal is shown as the deal metrics show it ({@link #deal}: the client's name, the amount in
     * the base currency, or the reason there is none) with the card metric's own status, moment, age and manager.
     * Only the page's deals are read, so a long list costs one page.
     */
    public static MetricAnswer.DrillDown cardPage(
            MetricRequest request,
            String figure,
            long totalItems,
            List<MetricAnswer.DrillDownItem> pageItems,
            DealFacts deals) {
        Map<UUID, DealFacts.Deal> shown = deals.byId(
                request,
                pageItems.stream()
                        .filter(item -> "DEAL".equals(item.cardType()))
                        .map(MetricAnswer.DrillDownItem::cardId)
                        .toList());
        List<MetricAnswer.DrillDownItem> items = pageItems.stream()
                .map(item -> {
                    DealFacts.Deal deal = shown.get(item.cardId());
                    if (deal == null || !"DEAL".equals(item.cardType())) {
                        return item;
                    }
                    String reason = item.reason() != null ? item.reason() : unconverted(deal);
                    // asked about a past moment (asOf=): the card as it was then (its stage, title, source), its
                    // amount as it is now
                    MetricAnswer.DrillDownItem row = request.past() != null
                            ? MetricAnswer.DrillDownItem.of(
                                            "DEAL",
                                            deal.dealId(),
                                            deal.managerId(),
                                            item.title(),
                                            item.source(),
                                            item.stage(),
                                            item.status(),
                                            item.at(),
                                            item.ageDays(),
                                            reason)
                                    .withAmount(Stats.money(deal.baseAmount()))
                            : deal(deal, item.status(), item.at(), item.ageDays(), reason);
                    // the metric's own manager when it has one (metric 12: the manager a transfer moved the deal to),
                    // else the owner now
                    return row.withManager(item.managerId() != null ? item.managerId() : row.managerId())
                            .withAgeWorkingDays(item.ageWorkingDays());
                })
                .toList();
        return new MetricAnswer.DrillDown(figure, request.page(), request.size(), totalItems, items);
    }

    /** Why a deal is left out of money figures. */
    public static String unconverted(DealFacts.Deal deal) {
        return deal.converted() ? null : "no exchange rate from " + deal.currency() + " to the base currency";
    }
}
