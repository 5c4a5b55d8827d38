package com.salespulse.analytics.metric.planforecast;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 9 over a span of whole months (a quarter, a custom range): each month's plan line, and the span's sums. */
@Schema(name = "PlanMonthsFigures", description = PlanMonthsFigures.DEFINITION)
public record PlanMonthsFigures(
        @Schema(description = "Each month of the span, oldest first.")
        List<Month> months,

        @Schema(description = "The sum of the months' plans, base currency; null when no month has a plan.")
        BigDecimal plan,

        @Schema(description = "Won in the span so far, base currency: the sum of the months' soldToDate.")
        BigDecimal sold,

        @Schema(
                description = "The plans of the months up to and including the current one (closed and current); "
                        + "null when none of them has a plan.")
        BigDecimal planThroughCurrent,

        @Schema(
                description = "What the months up to and including the current one will end at: the closed months' "
                        + "sales plus the current month's default forecast (its sales so far when it has none).")
        BigDecimal forecastThroughCurrent,

        @Schema(description = "The tenant's base currency.") String baseCurrency) {

    public static final String DEFINITION = "Metric 9 for a span of whole calendar months (a quarter, or from/to "
            + "from a 1st to a month's last day, at most 12 months), each month exactly as metric 9 answers it: a "
            + "closed month with its plan and its sales, the current month (in the tenant's zone, at the query's "
            + "moment) with its plan, its sales so far and its default forecast, a month not begun with its plan "
            + "only. The span's plan and sales are the sums of the months'; its forecast covers the months up to "
            + "and including the current one (the closed months' sales plus the current month's default "
            + "forecast) and is compared with their plans: nothing is forecast for a month not begun.";

    /** The most months one answer covers. */
    public static final int MAX_MONTHS = 12;

    @Schema(name = "PlanMonth")
    public record Month(
            @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$", example = "2026-11")
            YearMonth month,

            @Schema(description = "CLOSED, CURRENT or AHEAD (not begun).", example = "CURRENT")
            String state,

            @Schema(description = "The month's plan (as metric 9's plan); null without one.")
            BigDecimal plan,

            @Schema(description = "Won in the month so far.")
            BigDecimal sold,

            @Schema(
                    description = "Where the month ends: its sales when closed, its default forecast when current, "
                            + "null when not begun.")
            BigDecimal forecast,

            @Schema(description = "The current month's default forecast method; null for the others.")
            String forecastMethod) {}
}
