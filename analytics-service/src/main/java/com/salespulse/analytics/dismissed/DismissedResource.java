package com.salespulse.analytics.dismissed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;

@Path("/api/v1/metrics/dismissed-base")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces(MediaType.APPLICATION_JSON)
public class DismissedResource {

    private final DismissedQuery query;
    private final MetricRequests requests;

    public DismissedResource(DismissedQuery query, MetricRequests requests) {
        this.query = query;
        this.requests = requests;
    }

    @GET
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER })
    @Operation(summary = "Metric 12: dismissed managers' open cards, and every transfer as a cohort against the baseline",
            description = DismissedFigures.DEFINITION + " The period selects the transfers (by start) and the baseline's "
                    + "cards (by creation). " + DismissedFigures.TEAM_RULE + " The drill-down lists the open cards still "
                    + "owned by dismissed managers; a deal with its amount in the base currency at today's rate. "
                    + "Roles: head, manager.")
    @APIResponse(responseCode = "200", description = "The figures and the cards still owned by dismissed managers.")
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid; the problem names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not read metrics, or a manager asked for "
            + "another manager's figures.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MetricAnswer<DismissedFigures> dismissedBase(@BeanParam MetricParams params,
            @Parameter(description = "N: a cohort card counts as touched when touched within N days of the move (1–90, default 3).",
                    example = "3") @QueryParam("touchDays") String touchDays) {
        int days = 3;
        if (touchDays != null && !touchDays.isBlank()) {
            try {
                days = Integer.parseInt(touchDays.trim());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 90) {
                throw ProblemException.invalidField("touchDays", "must be a whole number from 1 to 90");
            }
        }
        return query.answer(requests.resolve(params), days);
    }
}
