package com.salespulse.analytics.metric.pipelinechange;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.pipelinechange.PipelineChangeQuery.Figure;
import com.salespulse.analytics.metric.pipelinechange.PipelineChangeQuery.GroupBy;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/pipeline-change")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class PipelineChangeResource {

    private final PipelineChangeQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public PipelineChangeResource(PipelineChangeQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 13: the pipeline waterfall — what changed in the open deals between two dates",
            description = PipelineChangeFigures.DEFINITION + " Filters: managerId (the manager a deal ends with), "
                    + "teamId, source, pipelineId. " + DealFacts.TEAM_RULE + " (read where the deal ends: open at "
                    + "the end, or at its win or loss). groupBy=manager or stage adds the bars per group. The "
                    + "drill-down (figure=" + Figure.CODES + "; openAtEnd by default) lists the deals behind a bar, "
                    + "largest amount first (amountUp/amountDown: largest change first, the change in reason; "
                    + "pushedOut/pulledIn: the expected close dates in reason). A manager sees only the deals that "
                    + "end with them. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The bars and the deals behind one of them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<PipelineChangeFigures> pipelineChange(
            @BeanParam MetricParams params,
            @Parameter(
                            description = "Bars per group as well: manager or stage.",
                            example = "manager",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"manager", "stage"}))
                    @QueryParam("groupBy")
                    String groupBy,
            @Parameter(
                            description = "The bar whose deals the drill-down lists: " + Figure.CODES
                                    + " (default openAtEnd).",
                            example = "pushedOut")
                    @QueryParam("figure")
                    String figure) {
        GroupBy groups = groupBy(groupBy);
        Figure drill = figure(figure);
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request, groups, drill));
    }

    static GroupBy groupBy(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return null;
        }
        return Arrays.stream(GroupBy.values())
                .filter(g -> g.code.equals(groupBy.trim()))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalidField("groupBy", "must be manager or stage"));
    }

    static Figure figure(String figure) {
        if (figure == null || figure.isBlank()) {
            return Figure.OPEN_AT_END;
        }
        return Arrays.stream(Figure.values())
                .filter(f -> f.code.equals(figure.trim()))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalidField("figure", "must be " + Figure.CODES));
    }
}
