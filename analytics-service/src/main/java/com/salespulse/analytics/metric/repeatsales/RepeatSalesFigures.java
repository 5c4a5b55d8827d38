package com.salespulse.analytics.metric.repeatsales;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 7: how much of the sales come from returning and referred clients, and how soon clients come back. */
@Schema(name = "RepeatSalesFigures", description = RepeatSalesFigures.DEFINITION)
public record RepeatSalesFigures(
        @Schema(description = "All managers together.") Shares overall,

        @Schema(description = "Per manager credited with the wins, most wins first.")
        List<ManagerShares> byManager,

        @Schema(
                description =
                        "Days from a returning client's previous win to this one, over the repeat wins of the period whose previous win is known.")
        TimeToRepeat timeToRepeat,

        @Schema(description = "The tenant's base currency.") String baseCurrency) {

    public static final String DEFINITION = "Repeat sales and referrals among the deals won in the period. A repeat "
            + "deal is a win whose client won a deal before it (by the wins' own times, whatever order they were "
            + "sent or imported in; deal-service's DealWon.repeatSale flag is not read); merged clients "
            + "(ClientsMerged) are one client, so a "
            + "win of the merged-away client and a later win of the surviving one make a repeat sale. A referred "
            + "deal names the client who referred it. repeatShare = repeat deals / won deals; referredShare = "
            + "referred deals / won deals; repeatRevenueShare = revenue of repeat deals / revenue (base currency, "
            + "deals without an exchange rate left out of revenues). Time to repeat = local days from the client's "
            + "latest earlier win (any manager, merged clients as one) to the repeat win; mean and median. A "
            + "reopened deal leaves the figures until won again. An empty period has zero deals, zero shares and "
            + "null times.";

    @Schema(name = "RepeatShares")
    public record Shares(
            @Schema(description = "Won deals.") long wonDeals,

            @Schema(description = "Won deals of returning clients.")
            long repeatDeals,

            @Schema(description = "repeatDeals / wonDeals, 4 places.")
            BigDecimal repeatShare,

            @Schema(description = "Won deals that name a referring client.")
            long referredDeals,

            @Schema(description = "referredDeals / wonDeals, 4 places.")
            BigDecimal referredShare,

            @Schema(description = "Revenue of the won deals.")
            BigDecimal revenue,

            @Schema(description = "Revenue of the repeat deals.")
            BigDecimal repeatRevenue,

            @Schema(description = "repeatRevenue / revenue, 4 places.")
            BigDecimal repeatRevenueShare) {}

    @Schema(name = "RepeatSharesPerManager")
    public record ManagerShares(
            @Schema(description = "The manager.") UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "The manager's shares.") Shares shares) {}

    @Schema(name = "TimeToRepeat")
    public record TimeToRepeat(
            @Schema(description = "Repeat wins measured.") long measured,
            @Schema(description = "Mean days.") BigDecimal meanDays,
            @Schema(description = "Median days.") BigDecimal medianDays) {}
}
