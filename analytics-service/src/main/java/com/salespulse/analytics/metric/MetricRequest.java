package com.salespulse.analytics.metric;

import com.salespulse.analytics.readmodel.ReadFilter;
import com.salespulse.analytics.settings.WorkCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A validated metric request: whose tenant, which read-model generation, the period as local days and as the
 * instants bounding it, the filters (a manager's token already forced to their own id) and the drill-down page.
 *
 * @param start the first instant of {@code from} in the tenant's zone
 * @param end the first instant after {@code to} in the tenant's zone (exclusive)
 * @param now the moment of the query, from the injectable clock: "overdue", "forgotten" and "idle" are true at it
 * @param sort the drill-down's {@code ?sort=} as sent ("" when given empty), null for its default order; each
 *     drill-down checks it against its own allow-list ({@link Drill#order})
 * @param past for a "now" metric asked {@code asOf=} a past moment: that moment (then also {@code now}), else null
 * @param cursor the drill-down's {@code ?cursor=} as sent, null without one: the page starts after the row it names
 *     ({@link Drill#order} reads it)
 * @param scope what a cursor is tied to: the resolved manager and team, the endpoint and its parameters but the page's
 *     ({@link MetricRequests}); "" for requests made inside the service, which never carry a cursor
 */
public record MetricRequest(
        String tenant,
        int gen,
        WorkCalendar calendar,
        LocalDate from,
        LocalDate to,
        Instant start,
        Instant end,
        Instant now,
        UUID managerId,
        UUID teamId,
        String source,
        UUID pipelineId,
        int page,
        int size,
        String sort,
        Instant past,
        String cursor,
        String scope)
        implements ReadFilter {

    /**
     * A request made inside the service (an alert condition, the plan owner, an inner query): the whole tenant over
     * the days {@code from} to {@code to} in the tenant's zone, at {@code now}, in the drill-down's default order, a
     * page of one card, no cursor. {@link #withFilters} narrows it, {@link #withPast} moves it to a past moment. A
     * request from a caller is {@link MetricRequests}' alone: it holds the page, the sort and the cursor asked for.
     */
    public static MetricRequest inside(
            String tenant, int gen, WorkCalendar calendar, LocalDate from, LocalDate to, Instant now) {
        return new MetricRequest(
                tenant,
                gen,
                calendar,
                from,
                to,
                startOf(from, calendar),
                startOf(to.plusDays(1), calendar),
                now,
                null,
                null,
                null,
                null,
                0,
                1,
                null,
                null,
                null,
                "");
    }

    /** The first instant of {@code day} in the calendar's zone. */
    static Instant startOf(LocalDate day, WorkCalendar calendar) {
        return day.atStartOfDay(calendar.zone()).toInstant();
    }

    /** The same request with these filters (the plan of a manager or team, a month of a span). */
    public MetricRequest withFilters(MetricAnswer.Filters filters) {
        return with(from, to, now, past, filters);
    }

    /** The same request about a past moment {@code at} for its "now" figures, its period kept ("now" is {@code at}). */
    public MetricRequest withPast(Instant at) {
        return with(from, to, at, at, filters());
    }

    /** The same request about a past moment {@code at}: its day is the period, and "now" is {@code at}. */
    public MetricRequest at(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, calendar.zone());
        return with(day, day, at, at, filters());
    }

    /** The one copy the withers share: another period, moment or filters; the page, sort and cursor kept. */
    private MetricRequest with(
            LocalDate days, LocalDate until, Instant moment, Instant pastMoment, MetricAnswer.Filters f) {
        return new MetricRequest(
                tenant,
                gen,
                calendar,
                days,
                until,
                startOf(days, calendar),
                startOf(until.plusDays(1), calendar),
                moment,
                f.managerId(),
                f.teamId(),
                f.source(),
                f.pipelineId(),
                page,
                size,
                sort,
                pastMoment,
                cursor,
                scope);
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    public MetricAnswer.Period period() {
        return new MetricAnswer.Period(from, to, zone().getId(), calendar.workingDays(from, to));
    }

    public MetricAnswer.Filters filters() {
        return new MetricAnswer.Filters(managerId, teamId, source, pipelineId);
    }

    /** The first row of the page when asked by page number (the slower path: every earlier row is read). */
    public int offset() {
        return page * size;
    }

    /**
     * The whole tenant today, as the API's "now" metrics answer when asked without a period: what an alert condition
     * on a "now" metric asks.
     */
    public static MetricRequest today(com.salespulse.analytics.alert.AlertContext context) {
        LocalDate today = LocalDate.ofInstant(context.now(), context.calendar().zone());
        return inside(context.tenant(), context.gen(), context.calendar(), today, today, context.now());
    }
}
