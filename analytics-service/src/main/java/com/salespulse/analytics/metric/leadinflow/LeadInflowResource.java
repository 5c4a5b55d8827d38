package com.salespulse.analytics.metric.leadinflow;

import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.leadinflow.LeadInflowFigures.Bucketing;
import com.salespulse.analytics.readmodel.ShiftLabels;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/lead-inflow")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class LeadInflowResource {

    /** A shift's local hours as a user types them: 09:00–15:00, or with a plain hyphen. */
    private static final Pattern SHIFT = Pattern.compile("(\\d{2}:\\d{2})\\s*[–-]\\s*(\\d{2}:\\d{2})");

    private final LeadInflowQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public LeadInflowResource(LeadInflowQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 1: lead inflow per day, week or month, source, manager and shift",
            description = LeadInflowFigures.DEFINITION + " Built only from salespulse.lead.created events and, for the "
                    + "shifts, the roster's manager-hired, manager-updated and manager-dismissed events. Filters: "
                    + "managerId and teamId (the intake manager, in the team they are in now), source. The drill-down "
                    + "lists the leads behind `total`, or with `shift` those behind that shift's count, newest first. "
                    + "A manager sees only the leads given to them. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the leads behind them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<LeadInflowFigures> leadInflow(
            @BeanParam MetricParams params,
            @Parameter(
                            description =
                                    "How to bucket the counts: day (default), week (ISO weeks, Monday first) or month.",
                            example = "week")
                    @QueryParam("groupBy")
                    String groupBy,
            @Parameter(
                            description =
                                    "Lists in the drill-down only the leads of this shift, as named in `byShift`: its "
                                            + "local hours (09:00–15:00, a night shift 22:00–06:00; a plain hyphen is read as the dash) or `outside`.",
                            example = "09:00–15:00")
                    @QueryParam("shift")
                    String shift) {
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request, bucketing(groupBy), shift(shift)));
    }

    /** The shift the drill-down is limited to: null for none, {@code outside}, or a label like 09:00–15:00. */
    static String shift(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (LeadInflowQuery.OUTSIDE.equalsIgnoreCase(trimmed)) {
            return LeadInflowQuery.OUTSIDE;
        }
        Matcher hours = SHIFT.matcher(trimmed);
        if (hours.matches()) {
            try {
                LocalTime start = LocalTime.parse(hours.group(1));
                LocalTime end = LocalTime.parse(hours.group(2));
                if (!end.equals(start)) {
                    return ShiftLabels.label(start, end);
                }
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw ProblemException.invalidField(
                "shift",
                "must be a shift's local hours like 09:00–15:00 or 22:00–06:00 (start and end differ) or outside");
    }

    static Bucketing bucketing(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return Bucketing.DAY;
        }
        try {
            return Bucketing.valueOf(groupBy.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("groupBy", "must be day, week or month");
        }
    }
}
