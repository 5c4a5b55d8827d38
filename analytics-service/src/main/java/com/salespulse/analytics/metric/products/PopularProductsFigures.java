package com.salespulse.analytics.metric.products;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 8: what sells (won lines of the period) and what is being offered now (lines of open deals). */
@Schema(name = "PopularProductsFigures", description = PopularProductsFigures.DEFINITION)
public record PopularProductsFigures(
        @Schema(description = "Per product, ordered by the sortBy parameter (revenue by default).")
        List<Product> products,

        @Schema(description = "Per category, most revenue first.")
        List<Category> categories,

        @Schema(description = "The tenant's base currency.") String baseCurrency) {

    public static final String DEFINITION = "Popular products from the product lines of the deals won in the period "
            + "(as written on the deal when it was won, after discount, in the base currency): won quantity, revenue "
            + "and the number of won deals with the product, per product and per category. Offered = the lines of the "
            + "deals open at the moment of the query (whatever the period): the quantity and the number of open deals "
            + "offering the product. soldToOffered = won deals / (won deals + open deals offering it). A reopened deal "
            + "counts as offered, not sold, until won again; a product renamed or moved to another category keeps "
            + "on each deal the name and category it was written with (grouping is by product id; the name shown is "
            + "the latest seen). Lines of deals without an exchange rate count in quantities and deals, not in "
            + "revenue. An empty period lists only what is offered.";

    @Schema(name = "PopularProduct")
    public record Product(
            @Schema(description = "The catalogue product.") UUID productId,

            @Schema(description = "Its name as written on the deals.")
            String name,

            @Schema(description = "Its category as written on the deals.")
            String category,

            @Schema(description = "Units won in the period.")
            BigDecimal wonQuantity,

            @Schema(description = "Revenue of its won lines.")
            BigDecimal revenue,

            @Schema(description = "Won deals with the product.")
            long wonDeals,

            @Schema(description = "Units on open deals now.")
            BigDecimal offeredQuantity,

            @Schema(description = "Open deals offering it now.")
            long openDeals,

            @Schema(description = "wonDeals / (wonDeals + openDeals), 4 places; null when both are 0.")
            BigDecimal soldToOffered) {}

    @Schema(name = "PopularCategory")
    public record Category(
            @Schema(description = "The category.") String category,
            @Schema(description = "Units won.") BigDecimal wonQuantity,
            @Schema(description = "Revenue.") BigDecimal revenue,

            @Schema(description = "Won deals with a line of the category.")
            long wonDeals,

            @Schema(description = "Open deals with a line of the category.")
            long openDeals) {}
}
