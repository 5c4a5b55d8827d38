package com.salespulse.analytics.metric.averagecheck;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/average-check")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class AverageCheckResource {

    private final AverageCheckQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public AverageCheckResource(AverageCheckQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 4: average check, mean and median, overall, per manager and per product category",
            description = AverageCheckFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId. "
                    + DealFacts.TEAM_RULE + " The drill-down "
                    + "lists the won deals behind `wonDeals`, newest win first. A manager sees only the deals they "
                    + "won. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the won deals behind them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<AverageCheckFigures> averageCheck(@BeanParam MetricParams params) {
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request));
    }
}
