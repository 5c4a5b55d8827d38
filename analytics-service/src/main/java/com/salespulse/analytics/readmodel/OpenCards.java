package com.salespulse.analytics.readmodel;

/**
 * The open cards of a tenant as one relation, for the metrics about the base as it stands now. A card is open when
 * it is a lead still being worked (NEW, IN_WORK, QUALIFIED) and not archived, or a deal not yet won or lost. Columns:
 * card_type, card_id, manager_id (the owner now), title, source, pipeline_id, stage (LEAD:&lt;status&gt; or the deal
 * stage's id), stage_label, stage_entered_at, created_at, last_touched_at, status (the lead's status, OPEN for a deal).
 */
public final class OpenCards {

    private OpenCards() {}

    /**
     * A {@code with open_card as (...)} clause honouring the request's filters (manager, team, source, pipeline:
     * leads have no pipeline, so a pipeline filter leaves only deals). Binds its parameters into {@code filter}.
     */
    public static String with(ReadFilter request, SqlFilter filter) {
        filter.param("gen", request.gen()).param("tenant", request.tenant());
        StringBuilder owners = new StringBuilder();
        if (request.managerId() != null) {
            owners.append(" and %1$s = :managerId");
            filter.param("managerId", request.managerId());
        }
        if (request.teamId() != null) {
            owners.append(
                    " and %1$s in (select m.manager_id from manager_fact m where m.gen = :gen and m.tenant_id = :tenant"
                            + " and m.team_id = :teamId)");
            filter.param("teamId", request.teamId());
        }
        if (request.source() != null) {
            owners.append(" and %2$s = :source");
            filter.param("source", request.source());
        }
        String leads = request.pipelineId() != null
                ? ""
                : """
                select 'LEAD' as card_type, l.lead_id as card_id, l.owner_id as manager_id, l.client_name as title,
                       l.source, cast(null as uuid) as pipeline_id, 'LEAD:' || l.status as stage, 'Lead: ' || l.status as stage_label,
                       l.stage_entered_at, l.created_at, l.last_touched_at, l.status
                from lead_fact l
                where l.gen = :gen and l.tenant_id = :tenant and l.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not l.archived
                  and l.owner_id is not null""" + owners.toString().formatted("l.owner_id", "l.source") + "\n union all\n";
        String pipeline = "";
        if (request.pipelineId() != null) {
            pipeline = " and d.pipeline_id = :pipelineId";
            filter.param("pipelineId", request.pipelineId());
        }
        // the deal branch names its columns too: with a pipeline filter it is the whole relation
        return "with open_card as (" + leads + """
                select 'DEAL' as card_type, d.deal_id as card_id, d.manager_id, d.client_name as title, d.source,
                       d.pipeline_id, cast(d.stage_id as text) as stage,
                       coalesce(s.name, cast(d.stage_id as text)) as stage_label, d.stage_entered_at,
                       d.opened_at as created_at, d.last_touched_at, 'OPEN' as status
                from deal_fact d left join stage_name s on s.gen = d.gen and s.tenant_id = d.tenant_id and s.stage_id = d.stage_id
                where d.gen = :gen and d.tenant_id = :tenant and d.status = 'OPEN'""" + pipeline
                + owners.toString().formatted("d.manager_id", "d.source") + ") ";
    }
}
