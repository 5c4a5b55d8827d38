package com.salespulse.analytics.metric.planforecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How good metric 9's forecasts were: each method's error against the closed months' actual sales. */
@Schema(name = "ForecastAccuracyFigures", description = ForecastAccuracyFigures.DEFINITION)
public record ForecastAccuracyFigures(
        @Schema(description = "Each closed month asked for that has snapshots, with its actual sales.")
        List<Month> months,

        @Schema(description = "Each method's error over every snapshot day of those months.")
        List<MethodAccuracy> methods,

        @Schema(
                description = "The method with the lowest mean absolute percentage error of the sales forecast among "
                        + "the ranked ones; null when none could be measured.",
                example = "weightedPipeline")
        String bestMethod,

        @Schema(description = "Why that method is best (or why none is), with the errors compared.")
        String bestMethodReason,

        @Schema(
                description = "Each method's error by the working day of the month the forecast was made on, over the "
                        + "months asked for.")
        List<DayOfMonthAccuracy> byDayOfMonth,

        @Schema(
                description =
                        "The drill-down: every snapshot day's forecast of each method against its month's actual.")
        List<DayForecast> days) {

    public static final String DEFINITION = "Forecast accuracy of metric 9 for the closed months from..to (YYYY-MM, "
            + "at most " + ForecastAccuracyQuery.MAX_MONTHS + ", the last one before the current month) and one plan "
            + "owner (managerId, teamId, or the tenant as a whole). Each working day's forecasts are kept at the "
            + "day's close (forecast snapshots: live the day after, or backfilled as of the day from the read model, "
            + "then without a weighted pipeline). A snapshot's error = (forecast - the month's actual) / actual, the "
            + "actual being the month's sales (won deals) as the read model knows them now; a month with no sales has "
            + "no percentage error. MAPE = the mean of |error|, bias = the mean of error (below 0: forecasts too low), "
            + "over the snapshot days with a forecast, for the amount and for the number of won deals. Best method = "
            + "the lowest amount MAPE among the methods with forecasts on at least half as many days as the "
            + "best-covered one (ties: runRate, weightedPipeline, historicalCurve).";

    @Schema(name = "ForecastAccuracyMonth")
    public record Month(
            @Schema(description = "The month, YYYY-MM.", example = "2026-10")
            String month,

            @Schema(description = "Its actual sales, base currency.")
            BigDecimal actual,

            @Schema(description = "Its won deals.") long actualDealCount,

            @Schema(description = "Working days with snapshots.")
            int snapshotDays,

            @Schema(description = "Of those, the days backfilled as of the day rather than taken live.")
            int backfilledDays) {}

    @Schema(name = "ForecastMethodAccuracy")
    public record MethodAccuracy(
            @Schema(description = "runRate, weightedPipeline or historicalCurve.")
            String method,

            @Schema(description = "Snapshot days with an amount forecast and a month with sales.")
            int days,

            @Schema(description = "Mean absolute percentage error of the amount, as a fraction (0.1 = 10 %).")
            BigDecimal mape,

            @Schema(description = "Mean percentage error of the amount (below 0: too low), as a fraction.")
            BigDecimal bias,

            @Schema(description = "Snapshot days with a deal-count forecast and a month with won deals.")
            int dealCountDays,

            @Schema(description = "Mean absolute percentage error of the deal count, as a fraction.")
            BigDecimal dealCountMape,

            @Schema(description = "Mean percentage error of the deal count, as a fraction.")
            BigDecimal dealCountBias,

            @Schema(description = "Whether it took part in choosing the best method (enough days measured).")
            boolean ranked) {}

    @Schema(name = "ForecastDayOfMonthAccuracy")
    public record DayOfMonthAccuracy(
            @Schema(description = "The n-th working day of the month the forecasts were made on.")
            int workingDay,

            @Schema(description = "The method.") String method,

            @Schema(description = "Months measured on that working day.")
            int months,

            @Schema(description = "Mean absolute percentage error of the amount, as a fraction.")
            BigDecimal mape,

            @Schema(description = "Mean percentage error of the amount, as a fraction.")
            BigDecimal bias,

            @Schema(description = "Mean absolute percentage error of the deal count, as a fraction.")
            BigDecimal dealCountMape,

            @Schema(description = "Mean percentage error of the deal count, as a fraction.")
            BigDecimal dealCountBias) {}

    @Schema(name = "ForecastDay")
    public record DayForecast(
            @Schema(description = "The working day the forecast was made at the close of.")
            LocalDate date,

            @Schema(description = "Its month, YYYY-MM.") String month,

            @Schema(description = "The n-th working day of the month.")
            int workingDay,

            @Schema(description = "The method.") String method,

            @Schema(description = "LIVE (taken the day after) or BACKFILL (computed later as of the day).")
            String source,

            @Schema(description = "The forecast of the month's sales; null when the method had none.")
            BigDecimal forecast,

            @Schema(description = "The month's actual sales.")
            BigDecimal actual,

            @Schema(description = "(forecast - actual) / actual; null without a forecast or sales.")
            BigDecimal error,

            @Schema(description = "The forecast of the month's won deals.")
            BigDecimal dealCountForecast,

            @Schema(description = "The month's actual won deals.")
            long actualDealCount,

            @Schema(description = "(forecast - actual) / actual for the deal count.")
            BigDecimal dealCountError,

            @Schema(description = "The chance to meet the plan that day.")
            BigDecimal chanceToMeetPlan) {}
}
