package com.salespulse.analytics.metric;

import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of a "now" metric's daily trend (issue 20: manager load, forgotten cards, the dismissed base):
 * the period, required, and the metric's filters; no drill-down, so no page, size, sort or table. Typed as
 * {@link MetricParams} (a malformed date, month or id is a 400 naming it); {@link AsOfRequests#trend} resolves it
 * with {@link MetricRequests}' rules and the trend's own ({@link #RULES}), each a 400 naming the field.
 */
public class TrendPeriod {

    /** The period's rules, the same on each trend's OpenAPI description. */
    public static final String RULES = " The period (from and to, or month) is required, at most "
            + MetricRequests.MAX_PERIOD_DAYS
            + " days after from, not after today and not before the tenant's history begins: else a 400 naming "
            + "the field. A point is what the metric answers asOf= that day, counted in the database over the period's "
            + "days (a generate_series): only the points are read.";

    @QueryParam("from")
    @Parameter(
            description = MetricParams.FROM,
            example = "2026-11-01",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    public LocalDate from;

    @QueryParam("to")
    @Parameter(
            description = MetricParams.TO,
            example = "2026-11-30",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    public LocalDate to;

    @QueryParam("month")
    @Parameter(
            description = MetricParams.MONTH,
            example = "2026-11",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$"))
    public YearMonth month;

    @QueryParam("managerId")
    @Parameter(description = MetricParams.MANAGER_ID)
    public UUID managerId;

    @QueryParam("teamId")
    @Parameter(description = MetricParams.TEAM_ID)
    public UUID teamId;

    @QueryParam("source")
    @Parameter(description = MetricParams.SOURCE)
    public String source;

    @QueryParam("pipelineId")
    @Parameter(description = MetricParams.PIPELINE_ID)
    public UUID pipelineId;

    /** As the metric parameters {@link MetricRequests} resolves (the period required), with no drill-down page. */
    MetricParams params() {
        MetricParams params = new MetricParams();
        params.from = from;
        params.to = to;
        params.month = month;
        params.managerId = managerId;
        params.teamId = teamId;
        params.source = source;
        params.pipelineId = pipelineId;
        return params;
    }

    /** One point per day of the request's period, oldest first. */
    public static <D> List<D> days(MetricRequest request, Function<LocalDate, D> point) {
        return request.from().datesUntil(request.to().plusDays(1)).map(point).toList();
    }
}
