package com.salespulse.analytics.metric.burnout;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.burnout.BurnoutQuery.DrillFigure;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/base-burnout")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class BurnoutResource {

    private final BurnoutQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public BurnoutResource(BurnoutQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 10: burning out the base, per manager, against the manager's own baseline",
            description =
                    BurnoutFigures.DEFINITION
                            + " Filters: managerId, teamId (source and pipelineId narrow the deals, "
                            + "not the touches). " + DealFacts.TEAM_RULE
                            + " A touch counts for the team its manager was in "
                            + "when it was made. The drill-down lists the period's deals lost for a PRESSURE-kind reason "
                            + "(figure=pressureLossShare, the default) or won in the period's last working days "
                            + "(figure=endCrowding). A manager sees only their own figures. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the deals behind one of them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<BurnoutFigures> baseBurnout(
            @BeanParam MetricParams params,
            @Parameter(
                            description =
                                    "The figure whose deals the drill-down lists: pressureLossShare (default) or endCrowding.",
                            example = "endCrowding")
                    @QueryParam("figure")
                    String figure) {
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request, figure(figure)));
    }

    static DrillFigure figure(String figure) {
        if (figure == null || figure.isBlank() || figure.trim().equals("pressureLossShare")) {
            return DrillFigure.PRESSURE_LOSSES;
        }
        if (figure.trim().equals("endCrowding")) {
            return DrillFigure.END_CROWDING;
        }
        throw ProblemException.invalidField("figure", "must be pressureLossShare or endCrowding");
    }
}
