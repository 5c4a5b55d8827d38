package com.salespulse.analytics.metric.filters;

import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/filters")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricFiltersResource {

    private final MetricFiltersQuery query;
    private final ReadModelGenerations generations;
    private final CurrentCaller caller;

    public MetricFiltersResource(MetricFiltersQuery query, ReadModelGenerations generations, CurrentCaller caller) {
        this.query = query;
        this.generations = generations;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "The teams, pipelines, managers and sources the metrics can be filtered by",
            description = "With their names, for a picker: the values of teamId, pipelineId, managerId and source "
                    + "the read model knows for the caller's tenant. A manager gets only what the metrics show them: "
                    + "themselves, their team, the sources of their own cards, and the tenant's pipelines. "
                    + "Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The filters' values.")
    public MetricFilters filters() {
        return query.filters(generations.live(), caller.tenant(), caller.scope().managers());
    }
}
