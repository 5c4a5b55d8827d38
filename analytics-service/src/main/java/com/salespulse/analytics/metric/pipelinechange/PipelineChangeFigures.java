package com.salespulse.analytics.metric.pipelinechange;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 13: what changed in the open pipeline between the period's first and last day, as bars that add up. */
@Schema(name = "PipelineChangeFigures", description = PipelineChangeFigures.DEFINITION)
public record PipelineChangeFigures(
        @Schema(description = "All the deals of the answer's filters together.")
        Bars total,

        @Schema(description = "What the groups are by: manager, stage, or absent without groupBy.", example = "manager")
        String groupBy,

        @Schema(description = "The same bars per manager or per stage (groupBy), most deals open at the end first.")
        List<Group> groups,

        @Schema(
                description = "Deals of the bars whose currency had no exchange rate on the period's last day: "
                        + "counted in the counts, left out of every amount.")
        long withoutExchangeRate,

        @Schema(description = "The tenant's base currency.") String baseCurrency) {

    public static final String DEFINITION = "The pipeline waterfall: how the open deals at the start of the period "
            + "(the first instant of from in the tenant's zone) became the open deals at its end (the first instant "
            + "after to). A deal's state at a moment is the one its latest event before that moment left it in (kept "
            + "per event in deal_change, by business time). openAtStart = deals open at the start; newDeals = deals "
            + "opened in the period; reopened = deals won or lost at the start and reopened in the period; won and "
            + "lost = of those three, the deals won or lost at the end; openAtEnd = deals open at the end. Counts "
            + "add up: openAtStart + newDeals + reopened - won - lost = openAtEnd. Amounts (base currency, every "
            + "amount of a deal at the rate of the period's last day, so its bars add up) are each deal's amount "
            + "when it entered (at the start, its opening, its reopening) for openAtStart, newDeals and reopened, "
            + "and when it left (at the end, its win, its loss) for won, lost and openAtEnd; amountUp and amountDown "
            + "= the deals whose amount when it left is above or below the amount when it entered, and the sum of "
            + "those differences; so openAtStart + newDeals + reopened + amountUp - amountDown - won - lost = "
            + "openAtEnd in amounts. pushedOut = deals open at the end whose expected close date was on or before to "
            + "when they entered and is after to at the end; pulledIn = deals whose expected close date was after to "
            + "when they entered and lies within the period when they left (at the end, or at the win or loss); both "
            + "with the amount when they left; amountUp/amountDown/pushedOut/pulledIn counts are deals that changed, "
            + "outside the count sum. A deal counts, with all its bars, for one manager and one stage: its owner "
            + "and stage at the end, or for a deal won or lost, the manager credited with it and the stage it was "
            + "closed from (a deal reassigned or moved in the period is not split between groups). A deal applied "
            + "before this metric existed has only its opening and its closing as history until the read model is "
            + "rebuilt.";

    /** The ten bars of a waterfall. */
    @Schema(name = "PipelineChangeBars")
    public record Bars(
            @Schema(description = "Deals open at the start, at their amount then.")
            Bar openAtStart,

            @Schema(description = "Deals opened in the period, at their opening amount.")
            Bar newDeals,

            @Schema(description = "Deals closed at the start and reopened in the period, at their reopening amount.")
            Bar reopened,

            @Schema(description = "Deals won by the end (of the three above), at the amount won.")
            Bar won,

            @Schema(description = "Deals lost by the end (of the three above), at the amount when lost.")
            Bar lost,

            @Schema(description = "Deals whose expected close date moved past the period's last day.")
            Bar pushedOut,

            @Schema(description = "Deals whose expected close date moved into the period.")
            Bar pulledIn,

            @Schema(description = "Deals whose amount grew, and by how much in all.")
            Bar amountUp,

            @Schema(description = "Deals whose amount fell, and by how much in all (a positive number).")
            Bar amountDown,

            @Schema(description = "Deals open at the end, at their amount then.")
            Bar openAtEnd) {}

    @Schema(name = "PipelineChangeBar")
    public record Bar(
            @Schema(description = "Deals in the bar.") long count,

            @Schema(description = "Their amount in the base currency (deals without an exchange rate left out).")
            BigDecimal amount) {}

    @Schema(name = "PipelineChangeGroup")
    public record Group(
            @Schema(description = "The manager (groupBy=manager).")
            UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "The stage's id (groupBy=stage).")
            String stage,

            @Schema(description = "The stage's name from its pipeline.")
            String stageName,

            @Schema(description = "The group's bars; they add up as the total's do.")
            Bars bars) {}
}
