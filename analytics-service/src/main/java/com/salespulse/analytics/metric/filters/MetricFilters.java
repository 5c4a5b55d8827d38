package com.salespulse.analytics.metric.filters;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the metrics can be filtered by, with names to show: the dashboard's pickers. */
@Schema(
        name = "MetricFilters",
        description = "The values the metrics' filters take for the caller's tenant (teamId, pipelineId, managerId, "
                + "source), with their names, from analytics' read model. A manager gets their own: themselves, their "
                + "team and the sources of their own cards (the pipelines are the tenant's).")
public record MetricFilters(
        @Schema(description = "Teams: those with a name and those a manager is in, by name.")
        List<Team> teams,

        @Schema(description = "Pipelines, by name.") List<Pipeline> pipelines,

        @Schema(description = "Managers: working ones first by name, then the dismissed.")
        List<Manager> managers,

        @Schema(description = "The lead sources of the leads and deals, alphabetically.", example = "[\"site\"]")
        List<String> sources) {

    @Schema(name = "MetricFilterTeam", description = "A team, the value of teamId.")
    public record Team(
            UUID id,

            @Schema(description = "The team's name; absent while the read model has not seen it created.")
            String name) {}

    @Schema(name = "MetricFilterPipeline", description = "A pipeline, the value of pipelineId.")
    public record Pipeline(
            UUID id,

            @Schema(description = "The pipeline's name; absent while the read model has not seen it created.")
            String name) {}

    @Schema(name = "MetricFilterManager", description = "A manager, the value of managerId.")
    public record Manager(
            UUID id,
            String name,

            @Schema(description = "The team the manager is in now; absent for none.")
            UUID teamId,

            @Schema(description = "When the manager was dismissed; absent while working.")
            Instant dismissedAt) {}
}
