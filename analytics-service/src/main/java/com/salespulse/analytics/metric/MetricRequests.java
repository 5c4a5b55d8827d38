package com.salespulse.analytics.metric;

import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.settings.TenantCalendar;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.security.CallerScope;
import com.salespulse.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Turns {@link MetricParams} into a {@link MetricRequest}: every bad value is a 400 naming the parameter, a
 * manager's token is limited to the manager's own figures (asking for another manager's is a 403), and a team
 * lead's to the teams they lead (another team or another team's manager is a 403 naming the parameter).
 */
@RequestScoped
public class MetricRequests {

    /** A year and a day: enough for a year-over-year view, small enough to answer fast. */
    public static final int MAX_PERIOD_DAYS = 366;

    /** A metric's own 403, beside the generic ones the OpenAPI filters add. */
    public static final String FORBIDDEN =
            "The caller's role may not read metrics, a manager asked for another manager's figures, or a team lead for "
                    + "another team's (teamId) or another team's manager's (managerId).";

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    /**
     * The longest drill-down page of an export (CSV, XLSX): a whole list in one file, up to this many rows, for the
     * spreadsheet a head of sales asks for; JSON pages stay at {@link #MAX_PAGE_SIZE}.
     */
    public static final int MAX_EXPORT_SIZE = 10_000;
    /** The last page that can be asked for: its offset still fits an int. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;

    private final CurrentCaller caller;
    private final TenantCalendar calendars;
    private final ReadModelGenerations generations;
    private final Clock clock;
    private final HttpHeaders headers;
    private final UriInfo uri;

    public MetricRequests(
            CurrentCaller caller,
            TenantCalendar calendars,
            ReadModelGenerations generations,
            Clock clock,
            HttpHeaders headers,
            UriInfo uri) {
        this.caller = caller;
        this.calendars = calendars;
        this.generations = generations;
        this.clock = clock;
        this.headers = headers;
        this.uri = uri;
    }

    /** For a metric over a period: the period is required. */
    public MetricRequest resolve(MetricParams params) {
        return resolve(params, false);
    }

    /**
     * For a metric true at the moment of the query (load, forgotten cards, dismissed base): the period is optional
     * and defaults to today in the tenant's zone; where a metric uses it, it says so.
     */
    public MetricRequest resolveNow(MetricParams params) {
        return resolve(params, true);
    }

    private MetricRequest resolve(MetricParams params, boolean periodOptional) {
        LocalDate from = params.from;
        LocalDate to = params.to;
        if (periodOptional && params.month == null && from == null && to == null) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), calendars.zone(caller.tenant()));
            from = today;
            to = today;
        }
        if (params.month != null) {
            if (from != null || to != null) {
                throw ProblemException.invalidField("month", "give either month or from/to, not both");
            }
            from = params.month.atDay(1);
            to = params.month.atEndOfMonth();
        } else {
            from = required("from", from);
            to = required("to", to);
        }
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_PERIOD_DAYS) {
            throw ProblemException.invalidField("to", "must be at most " + MAX_PERIOD_DAYS + " days after from");
        }
        UUID manager = params.managerId;
        UUID team = params.teamId;
        UUID pipeline = params.pipelineId;
        int page = intParam("page", params.page, 0, 0, MAX_PAGE);
        String cursor = blank(params.cursor) ? null : params.cursor.trim();
        if (cursor != null && !blank(params.page)) {
            throw ProblemException.invalidField(
                    "cursor", "give either cursor (the next page after a cursor) or page (a page by number), not both");
        }
        if (cursor != null && cursor.length() > DrillCursor.MAX_LENGTH) {
            throw DrillCursor.refused();
        }
        int size = intParam("size", params.size, DEFAULT_PAGE_SIZE, 1, export() ? MAX_EXPORT_SIZE : MAX_PAGE_SIZE);

        CallerScope scope = caller.scope();
        if (scope.leadsATeam()) {
            team = teamOfLead(scope, team, manager);
        } else if (!scope.isWholeTenant()) {
            if (manager != null && !manager.equals(scope.own())) {
                throw forbidden("managerId", "A manager sees only their own figures");
            }
            manager = scope.own();
        }
        String tenant = caller.tenant();
        WorkCalendar calendar = calendars.calendar(tenant);
        return new MetricRequest(
                tenant,
                generations.live(),
                calendar,
                from,
                to,
                MetricRequest.startOf(from, calendar),
                MetricRequest.startOf(to.plusDays(1), calendar),
                clock.instant(),
                manager,
                team,
                blank(params.source) ? null : params.source.trim(),
                pipeline,
                page,
                size,
                params.sort != null ? params.sort : uri.getQueryParameters().containsKey("sort") ? "" : null,
                null,
                cursor,
                scope(manager, team));
    }

    /** The parameters that choose a page of the same list, not another list: a cursor is not tied to them. */
    private static final java.util.Set<String> PAGING = java.util.Set.of("cursor", "page", "size", "table");

    /**
     * What a drill-down cursor is tied to: the manager and team the caller's scope resolved to, the endpoint, and every
     * query parameter (the figure, the period, the filters, the sort, asOf…) but the page's. Not the tenant: a cursor
     * is read in the caller's own tenant whoever wrote it, and the same history answers the same in every tenant.
     */
    private String scope(UUID manager, UUID team) {
        StringBuilder scope = new StringBuilder()
                .append(manager)
                .append('|')
                .append(team)
                .append('|')
                .append(uri.getPath());
        new java.util.TreeMap<>(uri.getQueryParameters()).forEach((name, values) -> {
            if (!PAGING.contains(name)) {
                scope.append('|').append(name).append('=').append(String.join(",", values));
            }
        });
        return scope.toString();
    }

    /**
     * A team lead's figures are their teams': {@code teamId} must name a team they lead (403 naming it) and is forced
     * to their one team when absent; leading several, they name one (400). {@code managerId} must be a manager in
     * those teams or themselves (403 naming it); their own id alone gives their own figures, as a manager's.
     */
    private static UUID teamOfLead(CallerScope scope, UUID team, UUID manager) {
        if (manager != null && !scope.includes(manager)) {
            throw forbidden("managerId", "A team lead sees the figures of their teams' managers only");
        }
        if (team != null) {
            if (!scope.teams().contains(team)) {
                throw forbidden("teamId", "A team lead sees the figures of the teams they lead only");
            }
            return team;
        }
        if (manager != null && manager.equals(scope.own())) {
            return null;
        }
        if (scope.teams().size() > 1) {
            throw ProblemException.invalidField(
                    "teamId", "a team lead of several teams names one of them: " + scope.teams());
        }
        return scope.teams().iterator().next();
    }

    /** A 403 naming the parameter that asked beyond the caller's scope. */
    public static ProblemException forbidden(String field, String message) {
        return new ProblemException(
                ProblemType.FORBIDDEN, field + ": " + message, List.of(new Problem.InvalidField(field, message)));
    }

    /**
     * Whether the caller prefers an export: the first media type of its Accept header (by preference) is CSV or
     * XLSX. Content negotiation then answers in that format, so its longer page applies.
     */
    private boolean export() {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        if (accepted.isEmpty()) {
            return false;
        }
        MediaType first = accepted.get(0);
        return !first.isWildcardType()
                && !first.isWildcardSubtype()
                && (first.isCompatible(MediaType.valueOf(MetricAnswer.CSV))
                        || first.isCompatible(MediaType.valueOf(MetricAnswer.XLSX)));
    }

    /** A required date: absent is a 400 naming it (a malformed one never gets here: the converter names it). */
    private static LocalDate required(String name, LocalDate date) {
        if (date == null) {
            throw ProblemException.invalidField(name, "is required (a date like 2026-11-01)");
        }
        return date;
    }

    private static int intParam(String name, String value, int fallback, int min, int max) {
        if (blank(value)) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
