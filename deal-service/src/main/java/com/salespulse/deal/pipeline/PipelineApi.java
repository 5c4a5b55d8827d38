package com.salespulse.deal.pipeline;

import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The pipeline API's request and response records: the state sent ({@link PipelineState}) and the view answered
 * ({@link PipelineView}).
 */
public final class PipelineApi {

    private PipelineApi() {}

    @Schema(name = "PipelineRequest", description = "A pipeline's name and its stages in order.")
    public record PipelineState(
            @Schema(description = "The pipeline's name.", example = "Enterprise", required = true)
            @NotBlank
            @Size(max = 100)
            String name,

            @Schema(
                    description = "The stages in order: at least one OPEN, exactly one WON and one LOST.",
                    required = true)
            @NotNull
            @Size(min = 3, max = 30)
            List<@NotNull @Valid StageState> stages,

            @Schema(
                    description = "When changing a pipeline: the version you read "
                            + "(optimistic concurrency); ignored on creation.")
            Long version,

            @Schema(
                    description = "Its reference system, lower case (e.g. amocrm); with externalId, unique per tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "Its id in that system.", example = "5512")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId,

            @Schema(
                    description = "When it was created or changed (business time, ISO-8601 with offset); absent means "
                            + "now. Not later than now + 60 s; a change not before the pipeline was created.",
                    example = "2024-01-10T09:00:00+03:00")
            java.time.Instant occurredAt) {

        @Schema(name = "StageRequest", description = "One stage of a pipeline.")
        public record StageState(
                @Schema(
                        description = "When changing a pipeline: the id of an existing "
                                + "stage to keep; absent for a new stage.")
                UUID id,

                @Schema(description = "The stage's name.", example = "Proposal", required = true)
                @NotBlank
                @Size(max = 100)
                String name,

                @Schema(
                        description = "Win probability of a deal in this stage, 0-100.",
                        example = "50",
                        required = true)
                @NotNull
                @Min(0)
                @Max(100)
                Integer probability,

                @Schema(description = "OPEN, WON or LOST.", required = true) @NotNull
                Stage.Kind kind,

                @Schema(
                        description =
                                "Its reference system, lower case (e.g. amocrm); with externalId, unique per tenant.",
                        example = "amocrm")
                @Size(max = 40)
                @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
                String externalSystem,

                @Schema(description = "Its id in that system.", example = "5512")
                @Size(max = 100)
                @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                String externalId,

                @Schema(
                        description = "An OPEN stage only: days a deal may stay in it before it counts as rotting "
                                + "(analytics' manager load and forgotten cards); absent: the tenant's usual time in "
                                + "the stage decides. Ignored on WON and LOST stages.",
                        example = "14")
                @Min(1)
                @Max(3650)
                Integer rotAfterDays) {}
    }

    @Schema(name = "Pipeline", description = "A pipeline with its stages in order.")
    public record PipelineView(
            @Schema(description = "The pipeline's id.") UUID id,
            @Schema(description = "The pipeline's name.") String name,

            @Schema(description = "True for the tenant's default pipeline, used when a deal names none.")
            boolean defaultPipeline,

            @Schema(description = "The stages in order.") List<StageView> stages,

            @Schema(description = "The version for optimistic concurrency.")
            long version,

            @Schema(description = "Its reference system in the tenant's own system, when it has one.")
            String externalSystem,

            @Schema(description = "Its id in that system.") String externalId) {

        @Schema(name = "Stage", description = "One stage of a pipeline.")
        public record StageView(
                @Schema(description = "The stage's id.") UUID id,
                @Schema(description = "The stage's name.") String name,

                @Schema(description = "Position in the pipeline, 1 for the first.")
                int order,

                @Schema(description = "Win probability of a deal in this stage, 0-100.")
                int probability,

                @Schema(description = "OPEN, WON or LOST.") Stage.Kind kind,

                @Schema(description = "Its reference system in the tenant's own system, when it has one.")
                String externalSystem,

                @Schema(description = "Its id in that system.")
                String externalId,

                @Schema(description = "Days a deal may stay in this OPEN stage before it rots; absent when unset.")
                Integer rotAfterDays) {}

        static PipelineView of(Pipeline p) {
            return new PipelineView(
                    p.id,
                    p.name,
                    p.defaultPipeline,
                    p.stages.stream()
                            .map(s -> new StageView(
                                    s.id,
                                    s.name,
                                    s.position,
                                    s.probability,
                                    s.kind,
                                    s.externalSystem,
                                    s.externalId,
                                    s.rotAfterDays))
                            .toList(),
                    p.version,
                    p.externalSystem,
                    p.externalId);
        }
    }

    /** The fields the pipelines can be sorted by (?sort=field, or -field for descending). */
    public static final List<String> SORT = List.of("createdAt", "name");

    @Schema(name = "PipelinePage", description = "One page of pipelines, in the order asked for.")
    public record PipelinePage(
            @Schema(description = "The pipelines on this page.")
            List<PipelineView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many pipelines the tenant has in all.")
            long total) {}
}
