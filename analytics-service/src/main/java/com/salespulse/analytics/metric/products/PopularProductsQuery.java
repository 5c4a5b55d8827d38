package com.salespulse.analytics.metric.products;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 8 from the lines of the won deals of the period and of the deals open now, summed in the database. */
@ApplicationScoped
public class PopularProductsQuery {

    public static final String METRIC = "popular-products";
    public static final int DEFINITION_VERSION = 1;

    /** How the products are ordered. */
    public enum SortBy {
        REVENUE,
        QUANTITY,
        DEALS
    }

    private final DealFacts deals;
    private final EntityManager em;
    private final ProjectionPositionRepository positions;

    public PopularProductsQuery(DealFacts deals, EntityManager em, ProjectionPositionRepository positions) {
        this.deals = deals;
        this.em = em;
        this.positions = positions;
    }

    /** The lines of the deals of {@code deal}, with the deal's order and rate. */
    private static final String LINES = """
            , line as (select l.*, deal.rate, deal.closed_at, deal.opened_at from deal join deal_line_fact l
                on l.gen = deal.gen and l.tenant_id = deal.tenant_id and l.deal_id = deal.deal_id)""";

    /**
     * The lines of the deals open now with the request's filters ({@link #openLines}) by product and by category
     * (grouping sets, category's grouping 0 for a category's row): offered units, open deals, and the name and
     * category of the product's first line on the newest open deal. {@code %s}: the filter of the rows (alias l).
     * <p>
     * Read from the kept sums {@code open_line_tally} (migration V2026_12_26_10: the open deals' lines, kept in
     * {@code open_line} since V2026_12_23_30, summed per owner, pipeline, product, source and category, recomputed at
     * the commit for the keys a statement changed): one range of its key for the tenant (for one manager), a row per
     * group instead of a line, the open deals counted once per product and once per category by the rows' own counts
     * (a deal lies in one group), the newest line of each row compared instead of every line sorted. Read from
     * open_line itself the statement sorted the tenant's every open line three times (the scale 0.1 run after stop
     * 45: 2 513 ms a call under load, 500 ms at rest, 80 071 lines; docs/benchmarks.md, "Popular-products' open
     * lines summed ahead").
     */
    public static final String OPEN_LINES = """
            select grouping(category), product_id, category, sum(quantity),
                case when grouping(category) = 0 then sum(category_deals) else sum(product_deals) end,
                (array_agg(newest_name order by newest_opened_at desc, newest_deal_id, newest_line_no))[1],
                (array_agg(category order by newest_opened_at desc, newest_deal_id, newest_line_no))[1]
            from open_line_tally l %s group by grouping sets ((product_id), (category))""";

    /**
     * Which kept open lines a request counts, by the rules of {@link DealFacts#open}: every deal open now (no period:
     * what is offered is offered now), its owner's filter, the team its owner is in now ({@link DealFacts#TEAM_RULE}:
     * {@code team_at} at no moment, as for an open deal's null closing), its source and pipeline, all read from the
     * kept row of {@code open_line_tally} (its source {@code ''} for a deal without one, which no source filter asks
     * for).
     */
    public static SqlFilter openLines(MetricRequest request) {
        return DealFacts.dealFilter("l", "cast(null as timestamptz)", request, request.managerId());
    }

    /**
     * The period's rows of won_line_hour summed per product, category, currency and day in the tenant's zone, then
     * converted at the day's rate ({@link DealFacts#RATES_OF_DAYS}, a join on currency and day) and summed per product
     * and per category (grouping sets); a product's name and category are read from its row of the earliest first line,
     * which lies in its earliest hour of the period (first_closed_at falls within the row's hour): one probe of that
     * hour's rows per product instead of sorting the period's rows for an ordered aggregate. {@code %2$s}: the filter
     * of the period's rows (alias r).
     */
    private static final String ROLLUP = """
            with %1$s,
            per_day as (select r.product_id, r.category, r.currency,
                    cast(r.closed_hour at time zone :zone as date) as day, sum(r.quantity) as quantity,
                    sum(r.amount) as amount, sum(r.product_deals) as product_deals,
                    sum(r.category_deals) as category_deals, min(r.closed_hour) as first_hour
                from won_line_hour r %2$s group by 1, 2, 3, 4),
            tally as (select grouping(p.category) as g, p.product_id, p.category, sum(p.quantity) as quantity,
                    sum(p.amount * rate.rate_to_base) as revenue,
                    case when grouping(p.category) = 0 then sum(p.category_deals) else sum(p.product_deals) end
                        as deals,
                    min(p.first_hour) as first_hour
                from per_day p left join rate on rate.currency = p.currency and rate.day = p.day
                group by grouping sets ((p.product_id), (p.category)))
            select t.g, t.product_id, t.category, t.quantity, t.revenue, t.deals, f.first_name, f.category
            from tally t left join lateral (select r.first_name, r.category from won_line_hour r %2$s
                    and r.closed_hour = t.first_hour and r.product_id = t.product_id
                order by r.first_closed_at, r.first_opened_at, r.first_deal_id desc, r.first_line_no desc
                limit 1) f on true""";

    /**
     * The won lines of the period by product and by category (grouping sets, category's grouping 0 for a category's
     * row): units, revenue (converted lines), won deals, and the name and category of the product's line on the oldest
     * win. From the rollup {@code won_line_hour} (migration V2026_12_18_32: the period's rows converted at the rate of
     * their closing day, the product's name from the row with the earliest first line: {@link #ROLLUP}), or from the
     * facts where the rollup cannot answer exactly: a team filter (the team counts at the closing
     * moment, which an hour does not tell) or a zone whose offset in the period is not whole hours (DealFacts.wonHours'
     * rule).
     */
    private List<Object[]> wonLines(MetricRequest request, DealSet won) {
        if (!DealFacts.rollupsAnswer(request, request.start(), request.end())) {
            return won.rows(em, LINES + """
                     select grouping(category), product_id, category, sum(quantity), sum(amount * rate),
                        count(distinct deal_id),
                        (array_agg(product_name order by closed_at, opened_at, deal_id desc, line_no desc))[1],
                        (array_agg(category order by closed_at, opened_at, deal_id desc, line_no desc))[1]
                    from line group by grouping sets ((product_id), (category))""");
        }
        SqlFilter filter = DealFacts.dealFilter("r", null, request, request.managerId())
                .and("r.closed_hour >= :start", "start", request.start())
                .and("r.closed_hour < :end", "end", request.end());
        return DealFacts.bindDays(filter, request, request.start(), request.end())
                .rows(em, ROLLUP.formatted(DealFacts.RATES_OF_DAYS, filter.where()));
    }

    /**
     * How many won deals of the period with the request's filters have a line, up to {@link Drill#COUNTED_UP_TO} + 1
     * (as a drill-down counts): the distinct deals of the period's range of {@code won_deal_category} (migration
     * V2026_12_25_10: a row per won deal and category of its lines, with the deal's closing, owner, pipeline and
     * source; the team by {@link DealFacts#TEAM_RULE} at the closing), not a probe of deal_line_fact a won deal (the
     * scale 0.1 run after stop 45: 672 ms a call under load, 2.0 M buffers over 81 calls).
     */
    private long wonDealsWithLines(MetricRequest request) {
        SqlFilter filter = DealFacts.dealFilter("w", "w.closed_at", request, request.managerId())
                .and("w.closed_at >= :start", "start", request.start())
                .and("w.closed_at < :end", "end", request.end());
        return filter.count(
                em,
                Drill.countUpTo(
                        "", " from (select distinct w.deal_id from won_deal_category w " + filter.where() + ") won"));
    }

    /** A product or category: won units, revenue (converted lines), won deals; offered units, open deals. */
    private record Tally(
            String name,
            String category,
            BigDecimal wonQuantity,
            BigDecimal revenue,
            long wonDeals,
            BigDecimal offeredQuantity,
            long openDeals) {}

    @Transactional
    public MetricAnswer<PopularProductsFigures> answer(MetricRequest request, SortBy sortBy, UUID productId) {
        DealSet won = deals.won(request);
        SqlFilter open = openLines(request);
        // a product's name and category: as on the won line of the oldest win that has it (the last line of it), else
        // as on the first line of the newest open deal that has it
        Map<UUID, Tally> products = new LinkedHashMap<>();
        Map<String, Tally> categories = new LinkedHashMap<>();
        // products and categories in one statement per deal set (grouping sets): the period's deals, their rates and
        // lines are read once for both, not once for each
        for (Object[] row : wonLines(request, won)) {
            if (Columns.number(row[0]) == 0) {
                categories.put(
                        (String) row[2],
                        new Tally(
                                null,
                                (String) row[2],
                                Stats.total(row[3]),
                                Stats.total(row[4]),
                                Stats.count(row[5]),
                                BigDecimal.ZERO,
                                0));
            } else {
                products.put(
                        Columns.uuid(row[1]),
                        new Tally(
                                (String) row[6],
                                (String) row[7],
                                Stats.total(row[3]),
                                Stats.total(row[4]),
                                Stats.count(row[5]),
                                BigDecimal.ZERO,
                                0));
            }
        }
        for (Object[] row : open.rows(em, OPEN_LINES.formatted(open.where()))) {
            if (Columns.number(row[0]) == 0) {
                Tally sold = categories.get((String) row[2]);
                categories.put(
                        (String) row[2],
                        new Tally(
                                null,
                                (String) row[2],
                                sold == null ? BigDecimal.ZERO : sold.wonQuantity(),
                                sold == null ? BigDecimal.ZERO : sold.revenue(),
                                sold == null ? 0 : sold.wonDeals(),
                                BigDecimal.ZERO,
                                Stats.count(row[4])));
                continue;
            }
            Tally sold = products.get(Columns.uuid(row[1]));
            products.put(
                    Columns.uuid(row[1]),
                    sold == null
                            ? new Tally(
                                    (String) row[5],
                                    (String) row[6],
                                    BigDecimal.ZERO,
                                    BigDecimal.ZERO,
                                    0,
                                    Stats.total(row[3]),
                                    Stats.count(row[4]))
                            : new Tally(
                                    sold.name(),
                                    sold.category(),
                                    sold.wonQuantity(),
                                    sold.revenue(),
                                    sold.wonDeals(),
                                    Stats.total(row[3]),
                                    Stats.count(row[4])));
        }
        Comparator<PopularProductsFigures.Product> order = switch (sortBy) {
            case REVENUE -> Comparator.comparing(PopularProductsFigures.Product::revenue);
            case QUANTITY -> Comparator.comparing(PopularProductsFigures.Product::wonQuantity);
            case DEALS -> Comparator.comparingLong(PopularProductsFigures.Product::wonDeals);
        };
        List<PopularProductsFigures.Product> productList = products.entrySet().stream()
                .map(e -> {
                    Tally t = e.getValue();
                    long total = t.wonDeals() + t.openDeals();
                    return new PopularProductsFigures.Product(
                            e.getKey(),
                            t.name(),
                            t.category(),
                            t.wonQuantity(),
                            Stats.money(t.revenue()),
                            t.wonDeals(),
                            t.offeredQuantity(),
                            t.openDeals(),
                            total == 0 ? null : Stats.share(t.wonDeals(), total));
                })
                .sorted(order.reversed().thenComparing(PopularProductsFigures.Product::name))
                .toList();
        List<PopularProductsFigures.Category> categoryList = categories.values().stream()
                .map(t -> new PopularProductsFigures.Category(
                        t.category(), t.wonQuantity(), Stats.money(t.revenue()), t.wonDeals(), t.openDeals()))
                .sorted(Comparator.comparing(PopularProductsFigures.Category::revenue)
                        .reversed()
                        .thenComparing(PopularProductsFigures.Category::category))
                .toList();

        // the won deals with the product asked for (or with any line), newest win first; how many there are is the
        // product's won deals, counted by the figures, or the won deals with a line, counted in won_deal_category
        Tally asked = productId == null ? null : products.get(productId);
        long counted = productId == null ? wonDealsWithLines(request) : asked == null ? 0 : asked.wonDeals();
        won.param("productId", productId);
        MetricAnswer.DrillDown drillDown = deals.page(
                request,
                won,
                productId == null ? "wonDeals" : "wonDeals:" + productId,
                "",
                "deal",
                "exists (select 1 from deal_line_fact l where l.gen = deal.gen and l.tenant_id = deal.tenant_id "
                        + "and l.deal_id = deal.deal_id" + (productId == null ? "" : " and l.product_id = :productId")
                        + ")",
                "null",
                (deal, age) -> Drill.deal(deal, "WON", Drill.unconverted(deal)),
                counted);
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new PopularProductsFigures(
                        productList, categoryList, request.calendar().baseCurrency()),
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }
}
