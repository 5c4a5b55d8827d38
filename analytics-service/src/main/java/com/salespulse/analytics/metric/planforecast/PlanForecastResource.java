package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.planforecast.PlanForecastQuery.DrillFigure;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.settings.TenantCalendar;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.security.CallerScope;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/plan-forecast")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class PlanForecastResource {

    private final PlanForecastQuery query;
    private final ForecastAccuracyQuery accuracy;
    private final Labels labels;
    private final MetricRequests requests;
    private final CurrentCaller caller;
    private final TenantCalendar calendars;
    private final ReadModelGenerations generations;
    private final ProjectionPositionRepository positions;
    private final Clock clock;

    public PlanForecastResource(
            PlanForecastQuery query,
            ForecastAccuracyQuery accuracy,
            MetricRequests requests,
            Labels labels,
            CurrentCaller caller,
            TenantCalendar calendars,
            ReadModelGenerations generations,
            ProjectionPositionRepository positions,
            Clock clock) {
        this.query = query;
        this.accuracy = accuracy;
        this.requests = requests;
        this.labels = labels;
        this.caller = caller;
        this.calendars = calendars;
        this.generations = generations;
        this.positions = positions;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 9: sales uniformity against the plan line and the mid-month forecast",
            description = PlanForecastFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId. "
                    + DealFacts.TEAM_RULE + " The drill-down "
                    + "lists the won deals behind `soldToDate` (newest first) or, with figure=weightedPipeline, the "
                    + "open deals behind the weighted pipeline. A manager sees only their own plan and deals. "
                    + "Roles: head, team-lead (their teams), manager.")
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
        YearMonth month = PlanForecastQuery.month(request);
        return labels.answer(request, query.answer(request, figure(figure), accuracy.defaultFor(request, month)));
    }

    @GET
    @Path("months")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 9 over a quarter or several months: each month's plan, sales and forecast, and sums",
            description =
                    PlanMonthsFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId, as for "
                            + "metric 9. A manager sees only their own plan and deals. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The months and the span's sums.")
    @APIResponse(
            responseCode = "400",
            description = "A parameter is missing or invalid (the period must be whole months, at most "
                    + PlanMonthsFigures.MAX_MONTHS + "); the problem names it.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<PlanMonthsFigures> planMonths(@BeanParam MetricParams params) {
        MetricRequest request = requests.resolve(params);
        YearMonth first = YearMonth.from(request.from());
        YearMonth last = YearMonth.from(request.to());
        if (request.from().getDayOfMonth() != 1) {
            throw ProblemException.invalidField("from", "must be the 1st of a month: the span is whole months");
        }
        if (!request.to().equals(last.atEndOfMonth())) {
            throw ProblemException.invalidField("to", "must be the last day of a month: the span is whole months");
        }
        if (first.plusMonths(PlanMonthsFigures.MAX_MONTHS - 1).isBefore(last)) {
            throw ProblemException.invalidField(
                    "to", "must be at most " + PlanMonthsFigures.MAX_MONTHS + " months from from");
        }
        YearMonth current = YearMonth.from(LocalDate.ofInstant(request.now(), request.zone()));
        List<PlanMonthsFigures.Month> months = new java.util.ArrayList<>();
        String currency = request.calendar().baseCurrency();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            MetricRequest one = MetricRequest.inside(
                            request.tenant(),
                            request.gen(),
                            request.calendar(),
                            month.atDay(1),
                            month.atEndOfMonth(),
                            request.now())
                    .withFilters(request.filters());
            PlanForecastFigures f = query.answer(one, DrillFigure.SOLD_TO_DATE, accuracy.defaultFor(one, month))
                    .figures();
            String state = month.isBefore(current) ? "CLOSED" : month.equals(current) ? "CURRENT" : "AHEAD";
            BigDecimal forecast = switch (state) {
                case "CLOSED" -> f.soldToDate();
                case "CURRENT" ->
                    f.forecasts().defaultForecast() != null ? f.forecasts().defaultForecast() : f.soldToDate();
                default -> null;
            };
            months.add(new PlanMonthsFigures.Month(
                    month,
                    state,
                    f.plan(),
                    f.soldToDate(),
                    forecast,
                    "CURRENT".equals(state) ? f.forecasts().defaultMethod() : null));
            currency = f.baseCurrency();
        }
        List<PlanMonthsFigures.Month> throughCurrent =
                months.stream().filter(m -> !"AHEAD".equals(m.state())).toList();
        return new MetricAnswer<>(
                PlanForecastQuery.METRIC,
                PlanForecastQuery.DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new PlanMonthsFigures(
                        months,
                        sum(months.stream().map(PlanMonthsFigures.Month::plan).toList()),
                        months.stream().map(PlanMonthsFigures.Month::sold).reduce(BigDecimal.ZERO, BigDecimal::add),
                        sum(throughCurrent.stream()
                                .map(PlanMonthsFigures.Month::plan)
                                .toList()),
                        throughCurrent.isEmpty()
                                ? null
                                : throughCurrent.stream()
                                        .map(PlanMonthsFigures.Month::forecast)
                                        .reduce(BigDecimal.ZERO, BigDecimal::add),
                        currency),
                null,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** The sum of the values given, null when all are null (no month with a plan). */
    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().allMatch(java.util.Objects::isNull)
                ? null
                : values.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @GET
    @Path("accuracy")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Forecast accuracy of metric 9: each method's error over closed months, the best method",
            description = ForecastAccuracyFigures.DEFINITION + " The best method over the tenant's last "
                    + ForecastAccuracyQuery.DEFAULT_MONTHS + " closed months is the default forecast of metric 9. "
                    + "`days` is the drill-down: each snapshot day's forecasts against the month's actual. A manager "
                    + "sees only their own plan (managerId is theirs; teamId or another manager's id is a 403). "
                    + "Roles: head, team-lead (their teams), manager.")
    @APIResponse(
            responseCode = "200",
            description = "The errors by method and by working day, and the days behind them.")
    @APIResponse(
            responseCode = "400",
            description = "from or to missing or invalid (YYYY-MM; to not before from, at most "
                    + ForecastAccuracyQuery.MAX_MONTHS + " months, before the current month), or both managerId and "
                    + "teamId; the problem names the parameter.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<ForecastAccuracyFigures> accuracy(
            @Parameter(
                            description = "First closed month (YYYY-MM).",
                            required = true,
                            example = "2026-09",
                            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$"))
                    @QueryParam("from")
                    YearMonth from,
            @Parameter(
                            description = "Last closed month (YYYY-MM), before the current month in the tenant's zone, "
                                    + "at most " + ForecastAccuracyQuery.MAX_MONTHS + " months from from.",
                            required = true,
                            example = "2026-10",
                            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$"))
                    @QueryParam("to")
                    YearMonth to,
            @Parameter(description = "The manager whose plan (UUID); a manager's token is always their own.")
                    @QueryParam("managerId")
                    UUID managerId,
            @Parameter(description = "The team whose team plan (UUID); head only.") @QueryParam("teamId") UUID teamId,
            @Parameter(
                            description =
                                    "For a CSV export (Accept text/csv): which table — figures (default), months, "
                                            + "methods, byDayOfMonth, days, drillDown or about.",
                            example = "days")
                    @QueryParam("table")
                    String table) {
        if (from == null) {
            throw ProblemException.invalidField("from", "is required (a month like 2026-09)");
        }
        if (to == null) {
            throw ProblemException.invalidField("to", "is required (a month like 2026-10)");
        }
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        if (from.plusMonths(ForecastAccuracyQuery.MAX_MONTHS - 1).isBefore(to)) {
            throw ProblemException.invalidField(
                    "to", "must be at most " + ForecastAccuracyQuery.MAX_MONTHS + " months from from");
        }
        if (managerId != null && teamId != null) {
            throw ProblemException.invalidField("teamId", "give managerId or teamId, not both");
        }
        CallerScope scope = caller.scope();
        if (scope.leadsATeam()) {
            // a team lead: the plans of their teams and of their teams' managers
            if (managerId != null && !scope.includes(managerId)) {
                throw MetricRequests.forbidden("managerId", "A team lead sees the plans of their teams' managers only");
            }
            if (teamId != null && !scope.teams().contains(teamId)) {
                throw MetricRequests.forbidden("teamId", "A team lead sees the plans of the teams they lead only");
            }
            if (managerId == null && teamId == null) {
                if (scope.teams().size() > 1) {
                    throw ProblemException.invalidField(
                            "teamId", "a team lead of several teams names one of them: " + scope.teams());
                }
                teamId = scope.teams().iterator().next();
            }
        } else if (!scope.isWholeTenant()) {
            if (teamId != null || (managerId != null && !managerId.equals(scope.own()))) {
                throw new ProblemException(ProblemType.FORBIDDEN, "A manager sees only their own figures", List.of());
            }
            managerId = scope.own();
        }
        String tenant = caller.tenant();
        WorkCalendar calendar = calendars.calendar(tenant);
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(LocalDate.ofInstant(now, calendar.zone()));
        if (!to.isBefore(current)) {
            throw ProblemException.invalidField("to", "must be a closed month, before " + current);
        }
        int gen = generations.live();
        PlanOwner owner = PlanOwner.of(managerId, teamId);
        MetricRequest request = owner.request(tenant, gen, calendar, to, now);
        LocalDate first = from.atDay(1);
        LocalDate last = to.atEndOfMonth();
        return new MetricAnswer<>(
                ForecastAccuracyQuery.METRIC,
                ForecastAccuracyQuery.DEFINITION_VERSION,
                new MetricAnswer.Period(first, last, calendar.zone().getId(), calendar.workingDays(first, last)),
                new MetricAnswer.Filters(managerId, teamId, null, null),
                accuracy.accuracy(request, from, to, owner),
                null,
                positions.asOf(gen, tenant).orElse(null));
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
