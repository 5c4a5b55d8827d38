package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A pipeline was created: its stages with their order, win probability and kind. The tenant's default
 * pipeline is created the first time the tenant needs one.
 */
public record PipelineCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The new pipeline's id.")
        UUID pipelineId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("True for the tenant's default pipeline (used when a deal names none).")
        boolean defaultPipeline,

        @JsonProperty(required = true) @JsonPropertyDescription("The pipeline's name and stages.")
        PipelineDefinition definition,

        @JsonProperty(required = true) @JsonPropertyDescription("When the pipeline was created (UTC).")
        Instant createdAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The pipeline's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription(
                "The pipeline's external reference's id, unique per tenant and system among pipelines.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public PipelineCreated(UUID pipelineId, boolean defaultPipeline, PipelineDefinition definition, Instant createdAt) {
        this(pipelineId, defaultPipeline, definition, createdAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return pipelineId;
    }
}
