package com.salespulse.analytics.metric.seasonality;

import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
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

@Path("/api/v1/metrics/seasonality")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class SeasonalityResource {

    private final SeasonalityQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public SeasonalityResource(SeasonalityQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary =
                    "Metric 6: seasonality of inflow and sales by month of year, weekday and hour, with seasonal indices",
            description =
                    SeasonalityFigures.DEFINITION + " Filters: managerId, source (pipelineId narrows the deals). The "
                            + "drill-down lists the won deals of the history, newest first. A manager sees only their own "
                            + "leads and deals. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the deals behind them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<SeasonalityFigures> seasonality(
            @BeanParam MetricParams params,
            @Parameter(
                            description =
                                    "How many whole years of history, ending on the period's last day: 1-5 (default 3).",
                            example = "3")
                    @QueryParam("years")
                    String years) {
        int history = years(years);
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request, history));
    }

    static int years(String years) {
        if (years == null || years.isBlank()) {
            return SeasonalityQuery.DEFAULT_YEARS;
        }
        try {
            int parsed = Integer.parseInt(years.trim());
            if (parsed >= 1 && parsed <= 5) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("years", "must be a whole number from 1 to 5");
    }
}
