package com.salespulse.analytics.metric.averagecheck;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 4: the average check of won deals, overall, per manager and per product category. */
@Schema(name = "AverageCheckFigures", description = AverageCheckFigures.DEFINITION)
public record AverageCheckFigures(
        @Schema(description = "The average check over all won deals of the period.")
        Check overall,

        @Schema(description = "Per manager credited with the win, most revenue first.")
        List<ManagerCheck> byManager,

        @Schema(
                description =
                        "Per product category: the category's line amounts per won deal that has such lines, most revenue first.")
        List<CategoryCheck> byCategory,

        @Schema(
                description =
                        "Won deals left out because their currency has no exchange rate to the base currency on the closing day.")
        long withoutExchangeRate,

        @Schema(description = "The tenant's base currency all amounts are in.", example = "RUB")
        String baseCurrency) {

    public static final String DEFINITION = "Average check = revenue of the deals won in the period / number of those "
            + "deals; the median is the middle won amount (the mean of the two middle ones for an even count). A deal "
            + "counts in the period its win falls in (the day in the tenant's time zone), with the manager credited "
            + "with the win. Amounts are converted to the base currency at the latest exchange rate dated on or "
            + "before the closing day; a deal without one is left out and counted in withoutExchangeRate. By "
            + "category, a deal's check is the sum of its lines of that category (lines after discount). A reopened "
            + "deal leaves the figures until it is won again, then counts in the period of the new win. An empty "
            + "period has zero deals and null mean and median.";

    @Schema(name = "AverageCheck")
    public record Check(
            @Schema(description = "Won deals counted.") long wonDeals,

            @Schema(description = "Their revenue in the base currency.")
            BigDecimal revenue,

            @Schema(description = "revenue / wonDeals, two decimals; null when there are none.")
            BigDecimal mean,

            @Schema(description = "The middle won amount; null when there are none.")
            BigDecimal median) {}

    @Schema(name = "AverageCheckPerManager")
    public record ManagerCheck(
            @Schema(description = "The manager credited with the wins.")
            UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "The manager's average check.")
            Check check) {}

    @Schema(name = "AverageCheckPerCategory")
    public record CategoryCheck(
            @Schema(description = "The product category, as written on the deal's lines.")
            String category,

            @Schema(description = "The category's average check.")
            Check check) {}
}
