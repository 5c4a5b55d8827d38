package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.UUID;

/**
 * One stage of a pipeline as it stood when the event was written: its order, the win probability in force and
 * its kind.
 */
public record StageDefinition(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The stage's id; stable across renames and probability changes.")
        UUID stageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The stage's display name.")
        String name,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The stage's position in the pipeline, 1 for the first.")
        int order,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The win probability of a deal in this stage, 0-100, in force at the event's time.")
        int probability,

        @JsonProperty(required = true)
        @JsonPropertyDescription("OPEN (work in progress), WON or LOST (closing stages).")
        String kind,
        // ---- added for rotting deals, issue 20 (optional: older events lack it) ----
        @JsonPropertyDescription("Days a deal may stay in this open stage before it counts as rotting; absent: the "
                + "tenant's usual time in the stage decides.")
        Integer rotAfterDays) {

    /** The constructor of the contract before per-stage rotting limits, for callers that set none. */
    public StageDefinition(UUID stageId, String name, int order, int probability, String kind) {
        this(stageId, name, order, probability, kind, null);
    }
}
