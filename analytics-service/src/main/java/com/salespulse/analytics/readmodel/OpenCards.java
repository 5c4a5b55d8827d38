package com.salespulse.analytics.readmodel;

/**
 * The open cards of a tenant as one relation, for the metrics about the base as it stands now: the SQL function
 * {@code open_cards} (migration V2026_12_05_20), which PostgreSQL inlines like a view. A card is open when it is a lead
 * still being worked (NEW, IN_WORK, QUALIFIED), owned and not archived, or a deal not yet won or lost. Columns:
 * card_type, card_id, manager_id (the owner now), title, source, pipeline_id (null for a lead), stage (LEAD:&lt;status&gt;
 * or the deal stage's id), stage_label, stage_entered_at, created_at, last_touched_at, status (the lead's status, OPEN
 * for a deal).
 */
public final class OpenCards {

    private OpenCards() {}

    /**
     * A {@code with open_card as (...)} clause honouring the request's filters (manager, team, source, pipeline:
     * leads have no pipeline, so a pipeline filter leaves only deals). Binds its parameters into {@code filter}.
     */
    public static String with(ReadFilter request, SqlFilter filter) {
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
        return "with open_card as (select * from open_cards(:gen, :tenant) c where true" + where + ") ";
    }
}
