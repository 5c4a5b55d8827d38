package com.salespulse.analytics.leadinflow;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

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

import com.salespulse.analytics.config.TenantCalendar;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.problem.QueryParams;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;

@Path("/api/v1/metrics/lead-inflow")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces(MediaType.APPLICATION_JSON)
public class LeadInflowResource {

    /** A year and a day: enough for a year-over-year view, small enough to answer fast. */
    static final int MAX_PERIOD_DAYS = 366;

    private final LeadInflowQuery query;
    private final CurrentCaller caller;
    private final TenantCalendar calendar;

    public LeadInflowResource(LeadInflowQuery query, CurrentCaller caller, TenantCalendar calendar) {
        this.query = query;
        this.caller = caller;
        this.calendar = calendar;
    }

    @GET
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER })
    @Operation(summary = "Lead inflow per day, source and manager",
            description = "Counts the leads that came in from `from` to `to` inclusive, days cut in the tenant's time "
                    + "zone. Built only from salespulse.lead.created events; `asOf` says how far the read model has got. "
                    + "A manager sees only the leads given to them. Roles: head, manager.")
    @APIResponse(responseCode = "200", description = "The figures.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadInflowReport.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid; the problem names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not read metrics, or a manager asked for "
            + "another manager's figures.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LeadInflowReport leadInflow(
            @Parameter(description = "First day of the period, inclusive (YYYY-MM-DD).", required = true, example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last day of the period, inclusive (YYYY-MM-DD); at most 366 days after from.", required = true, example = "2026-11-30") @QueryParam("to") String to,
            @Parameter(description = "Only leads from this source.") @QueryParam("source") String source,
            @Parameter(description = "Only leads given to this manager at intake (UUID).") @QueryParam("managerId") String managerId) {
        LocalDate fromDay = QueryParams.requiredDate("from", from);
        LocalDate toDay = QueryParams.requiredDate("to", to);
        if (toDay.isBefore(fromDay)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(fromDay, toDay) >= MAX_PERIOD_DAYS) {
            throw ProblemException.invalidField("to", "the period may span at most " + MAX_PERIOD_DAYS + " days");
        }
        UUID manager = QueryParams.optionalUuid("managerId", managerId);
        Optional<UUID> ownScope = caller.managerScope();
        if (ownScope.isPresent()) {
            if (manager != null && !manager.equals(ownScope.get())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "A manager sees only their own figures", List.of());
            }
            manager = ownScope.get();
        }
        String tenant = caller.tenant();
        return query.report(tenant, calendar.zone(tenant), fromDay, toDay,
                source == null || source.isBlank() ? null : source.trim(), manager);
    }
}
