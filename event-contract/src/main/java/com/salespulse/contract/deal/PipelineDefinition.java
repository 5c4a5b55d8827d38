package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A pipeline's name and its ordered stages.
 */
public record PipelineDefinition(
        @JsonProperty(required = true) @JsonPropertyDescription("The pipeline's display name.")
        String name,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The stages in order; exactly one of kind WON and one of kind LOST.")
        List<StageDefinition> stages) {}
