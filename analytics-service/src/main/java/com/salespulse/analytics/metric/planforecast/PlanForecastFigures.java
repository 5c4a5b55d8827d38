package com.salespulse.analytics.metric.planforecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 9: the month's sales day by day against the plan line, how even they are, and where the month will end. */
@Schema(name = "PlanForecastFigures", description = PlanForecastFigures.DEFINITION)
public record PlanForecastFigures(
        @Schema(
                description =
                        "The month's plan in the base currency: the manager's plan with managerId; with teamId the team's plan, or the plans of the managers in the team now summed; else the sum of the managers' plans (the teams' plans when no manager has one); null without a plan.")
        BigDecimal plan,

        @Schema(description = "Won so far in the month, base currency.")
        BigDecimal soldToDate,

        @Schema(description = "Working days in the month by the tenant's calendar.")
        int workingDays,

        @Schema(
                description =
                        "Working days from the 1st up to and including today (all of them once the month is over).")
        int elapsedWorkingDays,

        @Schema(description = "workingDays - elapsedWorkingDays.")
        int remainingWorkingDays,

        @Schema(description = "Every day of the month.") List<Day> days,

        @Schema(
                description =
                        "1 - coefficient of variation of the sales per elapsed working day, 0-1 (1 = the same every day); null with fewer than 2 elapsed working days or no sales.")
        BigDecimal uniformityIndex,

        @Schema(
                description = "Share of the month's sales so far made in its last " + PlanForecastQuery.LAST_DAYS
                        + " working days; null without sales.")
        BigDecimal lastWorkingDaysShare,

        @Schema(description = "The three forecasts of the month's sales, and which of them is the default and why.")
        Forecasts forecasts,

        @Schema(description = "The same three forecasts for the number of won deals, against the plan's dealCount.")
        DealCountForecasts dealCount,

        @Schema(
                description =
                        "(plan - soldToDate) / remainingWorkingDays, 0 when the plan is met; null without a plan or with no working day left.")
        BigDecimal neededDailyRate,

        @Schema(
                description =
                        "Chance to meet the plan, 0-1; null without a plan or with fewer than 2 elapsed working days. See chanceMethod.")
        BigDecimal chanceToMeetPlan,

        @Schema(description = "How the chance is worked out.")
        String chanceMethod,

        @Schema(description = "The tenant's base currency.") String baseCurrency) {

    public static final String DEFINITION = "Uniformity and mid-month forecast for one calendar month (month=YYYY-MM, "
            + "or from/to spanning exactly one month), as of the query's moment in the tenant's time zone. Sales are "
            + "the deals won in the month in the base currency (converted at the closing day's rate). Plan line on a "
            + "day = plan x working days from the 1st to that day / working days in the month. Run-rate forecast = "
            + "soldToDate / elapsedWorkingDays x workingDays. Weighted-pipeline forecast = soldToDate + the sum over "
            + "open deals expected to close from today to the month's end of amount x the probability of their stage "
            + "in force when they entered it. Historical-curve forecast = soldToDate / the mean share of a month's "
            + "sales made by the same working day over the previous 12 months that had sales (at least "
            + PlanForecastQuery.MIN_HISTORY_MONTHS + " needed, otherwise null and the note says so). Chance to meet "
            + "the plan: the remaining working days are taken as independent days with the mean and the variance of "
            + "this month's elapsed working days, so their sum is about normal; chance = P(sum >= plan - "
            + "soldToDate). A reopened deal leaves the sales until it is won again. Sales on a day off count in the "
            + "totals, not in the uniformity index. The default forecast is the method with the lowest mean absolute "
            + "percentage error over the tenant's last " + ForecastAccuracyQuery.DEFAULT_MONTHS + " closed months of "
            + "forecast snapshots (GET /api/v1/metrics/plan-forecast/accuracy); run-rate until there is one.";

    @Schema(name = "PlanForecastDay")
    public record Day(
            @Schema(description = "The day.") LocalDate date,

            @Schema(description = "A working day by the tenant's calendar.")
            boolean workingDay,

            @Schema(description = "Won that day.") BigDecimal sold,

            @Schema(description = "Won from the 1st to that day; null for days after today.")
            BigDecimal cumulativeSold,

            @Schema(
                    description =
                            "The plan line: what should have been sold by the end of that day; null without a plan.")
            BigDecimal planLine) {}

    @Schema(name = "PlanForecasts")
    public record Forecasts(
            @Schema(description = "By working-day run-rate; null before the first working day.")
            BigDecimal runRate,

            @Schema(description = "Sold plus the probability-weighted open deals expected in the rest of the month.")
            BigDecimal weightedPipeline,

            @Schema(description = "By the tenant's historical intra-month curve; null when history is too short.")
            BigDecimal historicalCurve,

            @Schema(description = "Previous months with sales the curve is built from.")
            int historyMonths,

            @Schema(description = "Why the curve forecast is missing, when it is.")
            String historyNote,

            @Schema(
                    description = "The forecast shown by default: runRate, weightedPipeline or historicalCurve — "
                            + "the one with the lowest mean absolute percentage error over the tenant's last "
                            + ForecastAccuracyQuery.DEFAULT_MONTHS + " closed months, run-rate without any.",
                    example = "weightedPipeline")
            String defaultMethod,

            @Schema(description = "The default method's forecast.")
            BigDecimal defaultForecast,

            @Schema(description = "Why that method is the default, with the errors compared.")
            String defaultMethodReason) {}

    @Schema(name = "PlanDealCountForecasts")
    public record DealCountForecasts(
            @Schema(description = "The plan's number of deals (the same plans as plan); null without a plan.")
            Integer plan,

            @Schema(description = "Deals won so far in the month (with or without an exchange rate).")
            long wonToDate,

            @Schema(description = "wonToDate / elapsedWorkingDays x workingDays; null before the first working day.")
            BigDecimal runRate,

            @Schema(
                    description = "wonToDate + the sum of the stage probabilities of the open deals expected in the "
                            + "rest of the month.")
            BigDecimal weightedPipeline,

            @Schema(
                    description = "wonToDate / the mean share of a month's won deals made by the same working day; "
                            + "null when the history is too short (as for the amount).")
            BigDecimal historicalCurve) {}
}
