package com.salespulse.analytics.metric.dealcycle;

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

@Path("/api/v1/metrics/deal-cycle")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class DealCycleResource {

    private final DealCycleQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public DealCycleResource(DealCycleQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 5: deal cycle from opening to the win, in calendar and working days, and time per stage",
            description = DealCycleFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId. "
                    + DealFacts.TEAM_RULE + " The drill-down "
                    + "lists the won deals behind `wonDeals`, newest win first, with `ageDays` = the deal's cycle in calendar days. A manager sees only the deals they "
                    + "won. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the won deals behind them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<DealCycleFigures> dealCycle(@BeanParam MetricParams params) {
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request));
    }
}
