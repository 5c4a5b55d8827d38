package com.salespulse.analytics.metric.dismissed;

import com.salespulse.analytics.metric.AsOfRequests;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.TrendPeriod;
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

@Path("/api/v1/metrics/dismissed-base/trend")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces(MediaType.APPLICATION_JSON)
public class DismissedTrendResource {

    private final DismissedQuery query;
    private final AsOfRequests asOf;

    public DismissedTrendResource(DismissedQuery query, AsOfRequests asOf) {
        this.query = query;
        this.asOf = asOf;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 12's daily trend: open cards still owned by dismissed managers at the end of each day",
            description = DismissedTrendFigures.DEFINITION + TrendPeriod.RULES
                    + " Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "A point per day.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<DismissedTrendFigures> dismissedBaseTrend(@BeanParam TrendPeriod period) {
        return query.trend(asOf.trend(period));
    }
}
