package com.salespulse.analytics.metric.burnout;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metric 10: signs that a manager is burning out the client base, each against the manager's own baseline. */
@Schema(name = "BurnoutFigures", description = BurnoutFigures.DEFINITION)
public record BurnoutFigures(
        @Schema(description = "Per manager, highest index first.")
        List<ManagerBurnout> managers,

        @Schema(description = "How many periods of the same length before this one make the baseline.")
        int baselinePeriods) {

    public static final String DEFINITION = "Burning out the base, per manager, for the period against the manager's "
            + "own baseline = the " + BurnoutQuery.BASELINE_PERIODS + " periods of the same length just before it "
            + "taken together. Parts: touchesPerClient = touches (activities) / distinct clients touched; "
            + "doNotContactShare = clients who asked not to be contacted / clients touched; pressureLossShare = deals "
            + "lost for a PRESSURE-kind reason / deals lost; discountDepth = 1 - won lines' amount / their amount "
            + "before discount; endCrowding = deals won in the last " + BurnoutQuery.LAST_DAYS + " working days of "
            + "a period / deals won. Each part scores 0-100: (current / baseline - 1) x 100, clamped; 100 when the "
            + "baseline is 0 and the current value is not; 0 when either has nothing to measure. index = the mean of "
            + "the five scores, 0 = as usual, 100 = every sign at least doubled. A reopened deal leaves the won "
            + "figures until won again; a deal counts for the manager credited with its win or loss, a touch for the "
            + "manager who made it, whatever team they are in now. An empty period lists no managers.";

    @Schema(name = "ManagerBurnout")
    public record ManagerBurnout(
            @Schema(description = "The manager.") UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "The burnout index, 0-100, one decimal.")
            BigDecimal index,

            @Schema(description = "The five parts the index is made of.")
            List<Part> parts) {}

    @Schema(name = "BurnoutPart")
    public record Part(
            @Schema(
                    description =
                            "touchesPerClient, doNotContactShare, pressureLossShare, discountDepth or endCrowding.")
            String name,

            @Schema(description = "The value in the period; null when there is nothing to measure.")
            BigDecimal current,

            @Schema(description = "The value over the baseline periods; null when there is nothing to measure.")
            BigDecimal baseline,

            @Schema(description = "The part's score, 0-100.")
            BigDecimal score) {}
}
