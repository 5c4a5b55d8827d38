package com.salespulse.analytics.readmodel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The open cards of a tenant as one relation, for the metrics about the base as it stands now: the SQL function
 * {@code open_cards}, which PostgreSQL inlines like a view, over the table {@code open_card} the triggers on
 * {@code lead_fact} and {@code deal_fact} keep (migration V2026_12_17_10: a request reads the tenant's open cards, not
 * every lead and deal it ever had). A card is open when it is a lead
 * still being worked (NEW, IN_WORK, QUALIFIED), owned and not archived, or a deal not yet won or lost. Columns:
 * card_type, card_id, manager_id (the owner now), title, source, pipeline_id (null for a lead), stage (LEAD:&lt;status&gt;
 * or the deal stage's id), stage_label, stage_entered_at, created_at, last_touched_at, status (the lead's status, OPEN
 * for a deal). Asked about a past moment ({@link ReadFilter#past}), the cards open then ({@code open_cards_at}).
 */
public final class OpenCards {

    private OpenCards() {}

    /**
     * A {@code with open_card as (...)} clause honouring the request's filters (manager, team, source, pipeline:
     * leads have no pipeline, so a pipeline filter leaves only deals). Binds its parameters into {@code filter}.
     */
    public static String with(ReadFilter request, SqlFilter filter) {
        String where = filters(request, filter);
        // a past moment: the cards open then, from their history (V2026_12_12_40)
        String cards = "open_cards(:gen, :tenant)";
        if (request.past() != null) {
            cards = "open_cards_at(:gen, :tenant, :openAt)";
            filter.param("openAt", request.past());
        }
        return "with open_card as (select * from " + cards + " c where true" + where + ") ";
    }

    /**
     * For a daily trend: {@code with day as (day, at), open_card as (...)}, a row per day from {@code from} to
     * {@code to} and card open at the day's {@code at} (the last microsecond of the day in {@code zone}, or
     * {@code now} for today: what {@code asOf=} that day reads), with the columns of {@link #with} plus day and at,
     * honouring the same filters. One statement for the whole period: the days are a {@code generate_series}.
     */
    public static String withDays(
            ReadFilter request, SqlFilter filter, LocalDate from, LocalDate to, Instant now, ZoneId zone) {
        String where = filters(request, filter);
        filter.param("trendFrom", from)
                .param("trendTo", to)
                .param("trendNow", now)
                .param("zone", zone.getId());
        return "with day as (select cast(g as date) as day, least(cast(:trendNow as timestamptz), "
                + "(cast(cast(g as date) + 1 as timestamp) at time zone :zone) - interval '1 microsecond') as at "
                + "from generate_series(cast(:trendFrom as date), cast(:trendTo as date), interval '1 day') g), "
                + "open_card as (select d.day, d.at, c.* from day d cross join lateral open_cards_at(:gen, :tenant, "
                + "d.at) c where true" + where + ") ";
    }

    /** The filters' conditions on {@code c}, their parameters bound into {@code filter}. */
    private static String filters(ReadFilter request, SqlFilter filter) {
        filter.param("gen", request.gen()).param("tenant", request.tenant());
        StringBuilder where = new StringBuilder();
        if (request.managerId() != null) {
            where.append(" and c.manager_id = :managerId");
            filter.param("managerId", request.managerId());
        }
        if (request.teamId() != null) {
            where.append(" and c.manager_id in (select m.manager_id from manager_fact m where m.gen = :gen"
                    + " and m.tenant_id = :tenant and m.team_id = :teamId)");
            filter.param("teamId", request.teamId());
        }
        if (request.source() != null) {
            where.append(" and c.source = :source");
            filter.param("source", request.source());
        }
        if (request.pipelineId() != null) {
            where.append(" and c.pipeline_id = :pipelineId");
            filter.param("pipelineId", request.pipelineId());
        }
        return where.toString();
    }
}
