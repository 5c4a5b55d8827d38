package com.salespulse.analytics.metric.dealcycle;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 5: how long won deals took, from opening to the win, and how long they stayed in each stage. */
@Schema(name = "DealCycleFigures", description = DealCycleFigures.DEFINITION)
public record DealCycleFigures(
        @Schema(description = "The cycle over all deals won in the period.")
        Cycle overall,

        @Schema(description = "Per manager credited with the win, most deals first.")
        List<ManagerCycle> byManager,

        @Schema(
                description =
                        "Per stage: how long the won deals stayed in it (every ended stay counts; a deal that came back to a stage counts each stay).")
        List<StageTime> byStage) {

    public static final String DEFINITION = "Deal cycle of the deals won in the period (the day of the win in the "
            + "tenant's time zone): calendar days = closing day - opening day; working days = working days of the "
            + "tenant's calendar after the opening day up to and including the closing day (a deal won the day it "
            + "opened took 0). Mean and median, two decimals. Time per stage = hours between entering and leaving a "
            + "stage / 24, over the ended stays of those deals. A reopened deal leaves the figures until it is won "
            + "again; then its cycle runs from its original opening to the new win. An empty period has zero deals "
            + "and null means and medians.";

    @Schema(name = "DealCycle")
    public record Cycle(
            @Schema(description = "Won deals counted.") long wonDeals,

            @Schema(description = "Mean calendar days from opening to the win.")
            BigDecimal meanCalendarDays,

            @Schema(description = "Median calendar days.") BigDecimal medianCalendarDays,
            @Schema(description = "Mean working days.") BigDecimal meanWorkingDays,
            @Schema(description = "Median working days.") BigDecimal medianWorkingDays) {}

    @Schema(name = "DealCyclePerManager")
    public record ManagerCycle(
            @Schema(description = "The manager credited with the wins.")
            UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "The manager's cycle.") Cycle cycle) {}

    @Schema(name = "DealCycleStageTime")
    public record StageTime(
            @Schema(description = "The pipeline stage.") UUID stageId,

            @Schema(description = "The stage's name in its pipeline.", example = "Proposal")
            String stageName,

            @Schema(description = "Ended stays counted.") long stays,

            @Schema(description = "Mean days per stay (hours / 24).")
            BigDecimal meanDays,

            @Schema(description = "Median days per stay.") BigDecimal medianDays) {}
}
