package com.salespulse.analytics.metric.forgotten;

import com.salespulse.analytics.metric.AsOf;
import com.salespulse.analytics.metric.AsOfRequests;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/forgotten-cards")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class ForgottenResource {

    private final ForgottenQuery query;
    private final MetricRequests requests;
    private final Labels labels;
    private final AsOfRequests asOfRequests;

    public ForgottenResource(ForgottenQuery query, MetricRequests requests, Labels labels, AsOfRequests asOfRequests) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
        this.asOfRequests = asOfRequests;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 11: forgotten cards and overdue tasks, per manager",
            description =
                    ForgottenFigures.DEFINITION + " Filters: managerId, teamId, source and pipelineId (cards only). "
                            + ForgottenFigures.TEAM_RULE
                            + " The drill-down lists the forgotten cards (oldest touch first; a deal "
                            + "with its amount in the base currency at today's rate) or, with figure=overdueTasks, the overdue tasks "
                            + "(longest overdue first). A manager sees only their own. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the cards or tasks behind them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<ForgottenFigures> forgottenCards(
            @BeanParam MetricParams params,
            @Parameter(
                            description = "Which figure's cards the drill-down lists: forgottenCards (default), "
                                    + "overdueTasks, rottingDeals (longest in their stage first) or snoozedCards "
                                    + "(waking soonest first; `at` is when the card wakes, `reason` why it sleeps).",
                            example = "overdueTasks",
                            schema =
                                    @Schema(
                                            enumeration = {
                                                "forgottenCards",
                                                "overdueTasks",
                                                "rottingDeals",
                                                "snoozedCards"
                                            }))
                    @QueryParam("figure")
                    String figure,
            @Parameter(
                            description = AsOf.DESCRIPTION + AsOf.DAY_PERIOD,
                            schema = @Schema(type = SchemaType.STRING, example = "2026-11-20"))
                    @QueryParam(AsOf.PARAM)
                    AsOf asOf) {
        ForgottenQuery.Figure drill;
        if (figure == null || figure.isBlank() || "forgottenCards".equalsIgnoreCase(figure.trim())) {
            drill = ForgottenQuery.Figure.FORGOTTEN;
        } else if ("overdueTasks".equalsIgnoreCase(figure.trim())) {
            drill = ForgottenQuery.Figure.OVERDUE;
        } else if ("rottingDeals".equalsIgnoreCase(figure.trim())) {
            drill = ForgottenQuery.Figure.ROTTING;
        } else if ("snoozedCards".equalsIgnoreCase(figure.trim())) {
            drill = ForgottenQuery.Figure.SNOOZED;
        } else {
            throw ProblemException.invalidField(
                    "figure", "must be forgottenCards, overdueTasks, rottingDeals or snoozedCards");
        }
        MetricRequest request = asOfRequests.at(requests.resolveNow(params), asOf);
        return labels.answer(request, query.answer(request, drill));
    }
}
