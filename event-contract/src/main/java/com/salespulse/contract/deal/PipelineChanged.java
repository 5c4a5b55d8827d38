package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A pipeline's name or stages changed (renamed, reordered, probability changed, stage added). Earlier events
 * keep the probability that was in force when they were written.
 */
public record PipelineChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The pipeline's id.")
        UUID pipelineId,

        @JsonProperty(required = true) @JsonPropertyDescription("The name and stages before the change.")
        PipelineDefinition before,

        @JsonProperty(required = true) @JsonPropertyDescription("The name and stages after the change.")
        PipelineDefinition after,

        @JsonProperty(required = true) @JsonPropertyDescription("When the change was made (UTC).")
        Instant changedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The pipeline's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription(
                "The pipeline's external reference's id, unique per tenant and system among pipelines.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public PipelineChanged(UUID pipelineId, PipelineDefinition before, PipelineDefinition after, Instant changedAt) {
        this(pipelineId, before, after, changedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return pipelineId;
    }
}
