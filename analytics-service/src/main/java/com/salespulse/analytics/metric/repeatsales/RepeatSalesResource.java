package com.salespulse.analytics.metric.repeatsales;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.repeatsales.RepeatSalesQuery.DrillFigure;
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

@Path("/api/v1/metrics/repeat-sales")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class RepeatSalesResource {

    private final RepeatSalesQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public RepeatSalesResource(RepeatSalesQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 7: repeat sales and referrals, repeat revenue share and time to repeat",
            description = RepeatSalesFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId. "
                    + DealFacts.TEAM_RULE + " The drill-down lists "
                    + "the repeat wins (figure=repeatDeals, the default; ageDays = days since the client's previous "
                    + "win) or the referred wins (figure=referredDeals), newest first. A manager sees only the deals "
                    + "they won. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the deals behind one of them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<RepeatSalesFigures> repeatSales(
            @BeanParam MetricParams params,
            @Parameter(
                            description =
                                    "The figure whose deals the drill-down lists: repeatDeals (default) or referredDeals.",
                            example = "referredDeals")
                    @QueryParam("figure")
                    String figure) {
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request, figure(figure)));
    }

    static DrillFigure figure(String figure) {
        if (figure == null || figure.isBlank() || figure.trim().equals("repeatDeals")) {
            return DrillFigure.REPEAT_DEALS;
        }
        if (figure.trim().equals("referredDeals")) {
            return DrillFigure.REFERRED_DEALS;
        }
        throw ProblemException.invalidField("figure", "must be repeatDeals or referredDeals");
    }
}
