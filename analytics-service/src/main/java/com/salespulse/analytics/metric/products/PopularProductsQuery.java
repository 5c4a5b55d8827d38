package com.salespulse.analytics.metric.products;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.DealFacts.Deal;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Answers metric 8 from the lines of the won deals of the period and of the deals open now. */
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
    private final ProjectionPositionRepository positions;

    public PopularProductsQuery(DealFacts deals, ProjectionPositionRepository positions) {
        this.deals = deals;
        this.positions = positions;
    }

    /** Running totals for one product or category. */
    private static final class Tally {
        String name;
        String category;
        BigDecimal wonQuantity = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        Set<UUID> wonDeals = new HashSet<>();
        BigDecimal offeredQuantity = BigDecimal.ZERO;
        Set<UUID> openDeals = new HashSet<>();
    }

    @Transactional
    public MetricAnswer<PopularProductsFigures> answer(MetricRequest request, SortBy sortBy, UUID productId) {
        List<Deal> won = deals.won(request);
        List<Deal> open = deals.open(request, LocalDate.ofInstant(request.now(), request.zone()));
        Map<UUID, Tally> products = new LinkedHashMap<>();
        Map<String, Tally> categories = new LinkedHashMap<>();
        for (Deal deal : won) {
            for (DealFacts.Line line : deal.lines()) {
                for (Tally tally : List.of(
                        products.computeIfAbsent(line.productId(), p -> new Tally()),
                        categories.computeIfAbsent(line.category(), c -> new Tally()))) {
                    tally.name = line.productName();
                    tally.category = line.category();
                    tally.wonQuantity = tally.wonQuantity.add(line.quantity());
                    if (line.amountBase() != null) {
                        tally.revenue = tally.revenue.add(line.amountBase());
                    }
                    tally.wonDeals.add(deal.dealId());
                }
            }
        }
        for (Deal deal : open) {
            for (DealFacts.Line line : deal.lines()) {
                for (Tally tally : List.of(
                        products.computeIfAbsent(line.productId(), p -> new Tally()),
                        categories.computeIfAbsent(line.category(), c -> new Tally()))) {
                    if (tally.name == null) {
                        tally.name = line.productName();
                        tally.category = line.category();
                    }
                    tally.offeredQuantity = tally.offeredQuantity.add(line.quantity());
                    tally.openDeals.add(deal.dealId());
                }
            }
        }
        Comparator<PopularProductsFigures.Product> order = switch (sortBy) {
            case REVENUE -> Comparator.comparing(PopularProductsFigures.Product::revenue);
            case QUANTITY -> Comparator.comparing(PopularProductsFigures.Product::wonQuantity);
            case DEALS -> Comparator.comparingLong(PopularProductsFigures.Product::wonDeals);
        };
        List<PopularProductsFigures.Product> productList = products.entrySet().stream()
                .map(e -> {
                    Tally t = e.getValue();
                    long total = t.wonDeals.size() + t.openDeals.size();
                    return new PopularProductsFigures.Product(
                            e.getKey(),
                            t.name,
                            t.category,
                            t.wonQuantity,
                            Stats.money(t.revenue),
                            t.wonDeals.size(),
                            t.offeredQuantity,
                            t.openDeals.size(),
                            total == 0 ? null : Stats.share(t.wonDeals.size(), total));
                })
                .sorted(order.reversed().thenComparing(PopularProductsFigures.Product::name))
                .toList();
        List<PopularProductsFigures.Category> categoryList = categories.entrySet().stream()
                .map(e -> new PopularProductsFigures.Category(
                        e.getKey(),
                        e.getValue().wonQuantity,
                        Stats.money(e.getValue().revenue),
                        e.getValue().wonDeals.size(),
                        e.getValue().openDeals.size()))
                .sorted(Comparator.comparing(PopularProductsFigures.Category::revenue)
                        .reversed()
                        .thenComparing(PopularProductsFigures.Category::category))
                .toList();

        // the won deals with the product asked for (or with any line), newest win first
        List<MetricAnswer.DrillDownItem> items = won.stream()
                .filter(d -> productId == null
                        ? !d.lines().isEmpty()
                        : d.lines().stream().anyMatch(l -> l.productId().equals(productId)))
                .map(d -> Drill.deal(d, "WON", Drill.unconverted(d)))
                .toList();
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new PopularProductsFigures(
                        productList, categoryList, request.calendar().baseCurrency()),
                Drill.page(request, productId == null ? "wonDeals" : "wonDeals:" + productId, items),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }
}
