package com.salespulse.analytics.metric.seasonality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 6: when leads come in and deals are won, by month of year, weekday and hour, with seasonal indices. */
@Schema(name = "SeasonalityFigures", description = SeasonalityFigures.DEFINITION)
public record SeasonalityFigures(
        @Schema(description = "First day of the history looked at.")
        LocalDate historyFrom,

        @Schema(description = "Last day of the history looked at (the period's last day).")
        LocalDate historyTo,

        @Schema(description = "Whole or partial months from the first lead or win in the history to its end.")
        int historyMonths,

        @Schema(description = "Why some indices are missing, when they are.")
        String historyNote,

        @Schema(description = "Months 1-12.") List<Bucket> byMonthOfYear,

        @Schema(description = "ISO weekdays 1 (Monday) - 7.")
        List<Bucket> byWeekday,

        @Schema(description = "Hours 0-23 in the tenant's zone.")
        List<Bucket> byHour,

        @Schema(description = "The tenant's base currency.") String baseCurrency) {

    public static final String DEFINITION = "Seasonality looks at history, not at one period: the `years` whole years "
            + "(1-5, default " + SeasonalityQuery.DEFAULT_YEARS + ") ending on the period's last day. Inflow = leads "
            + "that came in (lead.created), sales = deals won (count and revenue in the base currency), each bucketed "
            + "by month of year, ISO weekday and hour in the tenant's time zone. Seasonal index of a bucket = its total "
            + "/ the mean total per bucket (1 = usual, 1.3 = 30% above); month-of-year indices need at least "
            + SeasonalityQuery.MIN_MONTHS + " months of history, weekday and hour indices at least "
            + SeasonalityQuery.MIN_WEEKS + " weeks, otherwise they are null and historyNote says the history is too "
            + "short. A reopened deal leaves the sales until won again.";

    @Schema(name = "SeasonalityBucket")
    public record Bucket(
            @Schema(description = "The month (1-12), ISO weekday (1-7) or hour (0-23).")
            int key,

            @Schema(description = "Leads that came in.") long leads,
            @Schema(description = "Deals won.") long wonDeals,

            @Schema(description = "Revenue of the deals won.")
            BigDecimal revenue,

            @Schema(description = "Seasonal index of the inflow; null when the history is too short.")
            BigDecimal inflowIndex,

            @Schema(
                    description =
                            "Seasonal index of the revenue (of won deals by hour); null when the history is too short.")
            BigDecimal salesIndex) {}
}
