package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An open deal moved to another open stage of its pipeline. Carries both stages' probabilities in force at
 * the move, so history is not rewritten by later probability changes.
 */
public record DealStageMoved(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's manager at the move.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's pipeline.")
        UUID pipelineId,

        @JsonProperty(required = true) @JsonPropertyDescription("The stage the deal left.")
        UUID fromStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The left stage's probability in force at the move.")
        int fromProbability,

        @JsonProperty(required = true) @JsonPropertyDescription("The stage the deal entered.")
        UUID toStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The entered stage's probability in force at the move.")
        int toProbability,

        @JsonPropertyDescription("Why the deal moved, if given.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal moved (UTC).")
        Instant movedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The deal's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The deal's external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public DealStageMoved(
            UUID dealId,
            UUID managerId,
            UUID pipelineId,
            UUID fromStageId,
            int fromProbability,
            UUID toStageId,
            int toProbability,
            String reason,
            Instant movedAt) {
        this(
                dealId,
                managerId,
                pipelineId,
                fromStageId,
                fromProbability,
                toStageId,
                toProbability,
                reason,
                movedAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return dealId;
    }
}
