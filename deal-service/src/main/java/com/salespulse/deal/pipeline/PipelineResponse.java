package com.salespulse.deal.pipeline;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Pipeline", description = "A pipeline with its stages in order.")
public record PipelineResponse(
        @Schema(description = "The pipeline's id.") UUID id,
        @Schema(description = "The pipeline's name.") String name,

        @Schema(description = "True for the tenant's default pipeline, used when a deal names none.")
        boolean defaultPipeline,

        @Schema(description = "The stages in order.") List<StageResponse> stages,

        @Schema(description = "The version for optimistic concurrency.")
        long version,

        @Schema(description = "Its reference system in the tenant's own system, when it has one.")
        String externalSystem,

        @Schema(description = "Its id in that system.") String externalId) {

    @Schema(name = "Stage", description = "One stage of a pipeline.")
    public record StageResponse(
            @Schema(description = "The stage's id.") UUID id,
            @Schema(description = "The stage's name.") String name,

            @Schema(description = "Position in the pipeline, 1 for the first.")
            int order,

            @Schema(description = "Win probability of a deal in this stage, 0-100.")
            int probability,

            @Schema(description = "OPEN, WON or LOST.") Stage.Kind kind,

            @Schema(description = "Its reference system in the tenant's own system, when it has one.")
            String externalSystem,

            @Schema(description = "Its id in that system.") String externalId) {}

    static PipelineResponse of(Pipeline p) {
        return new PipelineResponse(
                p.id,
                p.name,
                p.defaultPipeline,
                p.stages.stream()
                        .map(s -> new StageResponse(
                                s.id, s.name, s.position, s.probability, s.kind, s.externalSystem, s.externalId))
                        .toList(),
                p.version,
                p.externalSystem,
                p.externalId);
    }
}
