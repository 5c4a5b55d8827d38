package com.salespulse.analytics.metric.load;

import com.salespulse.analytics.alert.AlertThresholds;
import com.salespulse.analytics.alert.Threshold;
import com.salespulse.analytics.metric.AsOf;
import com.salespulse.analytics.metric.AsOfRequests;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/manager-load")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class LoadResource {

    private final LoadQuery query;
    private final MetricRequests requests;
    private final AlertThresholds thresholds;
    private final Labels labels;
    private final AsOfRequests asOfRequests;

    public LoadResource(
            LoadQuery query,
            MetricRequests requests,
            AlertThresholds thresholds,
            Labels labels,
            AsOfRequests asOfRequests) {
        this.query = query;
        this.requests = requests;
        this.thresholds = thresholds;
        this.labels = labels;
        this.asOfRequests = asOfRequests;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary =
                    "Metric 3: manager load by stage, capacity use, the bottleneck stage, overloaded and idle managers",
            description =
                    LoadFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId. " + LoadFigures.TEAM_RULE
                            + " The drill-down lists the open cards, longest in their stage first; a deal with its amount in the "
                            + "base currency at today's rate. A manager sees only their own. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the open cards.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<LoadFigures> managerLoad(
            @BeanParam MetricParams params,
            @Parameter(
                            description = AsOf.DESCRIPTION + AsOf.DAY_PERIOD,
                            schema = @Schema(type = SchemaType.STRING, example = "2026-11-20"))
                    @QueryParam(AsOf.PARAM)
                    AsOf asOf) {
        MetricRequest request = asOfRequests.at(requests.resolveNow(params), asOf);
        return labels.answer(request, query.answer(request, thresholds.current().get(Threshold.CAPACITY_USE_PERCENT)));
    }
}
