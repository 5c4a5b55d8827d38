package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.planforecast.PlanForecastQuery.DrillFigure;
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

@Path("/api/v1/metrics/plan-forecast")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class PlanForecastResource {

    private final PlanForecastQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public PlanForecastResource(PlanForecastQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 9: sales uniformity against the plan line and the mid-month forecast",
            description = PlanForecastFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId. "
                    + DealFacts.TEAM_RULE + " The drill-down "
                    + "lists the won deals behind `soldToDate` (newest first) or, with figure=weightedPipeline, the "
                    + "open deals behind the weighted pipeline. A manager sees only their own plan and deals. "
                    + "Roles: head, manager.")
    @APIResponse(responseCode = "200", description = "The figures and the deals behind one of them.")
    @APIResponse(
            responseCode = "400",
            description = "A parameter is missing or invalid (the period must be one "
                    + "whole month); the problem names it.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<PlanForecastFigures> planForecast(
            @BeanParam MetricParams params,
            @Parameter(
                            description =
                                    "The figure whose deals the drill-down lists: soldToDate (default) or weightedPipeline.",
                            example = "weightedPipeline")
                    @QueryParam("figure")
                    String figure) {
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request, figure(figure)));
    }

    static DrillFigure figure(String figure) {
        if (figure == null || figure.isBlank() || figure.trim().equals("soldToDate")) {
            return DrillFigure.SOLD_TO_DATE;
        }
        if (figure.trim().equals("weightedPipeline")) {
            return DrillFigure.WEIGHTED_PIPELINE;
        }
        throw ProblemException.invalidField("figure", "must be soldToDate or weightedPipeline");
    }
}
