package com.salespulse.analytics.projection;

import com.salespulse.contract.lead.LeadCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Adds leads that came in to {@code lead_fact}, with the shift each arrived in, their external reference and the
 * touches already kept for them (applied before the lead, from the deal topic), and opens their first stay
 * ({@code LEAD:NEW} in {@code card_stay}); {@link com.salespulse.analytics.projection.LeadCardProjection} follows them
 * afterwards.
 * <p>
 * Lead creation is the busiest event there is, so a run of them is written in one statement (the rows travel as
 * arrays and are unnested by PostgreSQL) instead of two statements per lead.
 */
@ApplicationScoped
public class LeadInflowProjection {

    /** One lead creation and where it is applied. */
    public record NewLead(Applying at, LeadCreated created) {}

    // Each text is cast once, in incoming (materialized): the insert used the creation moment five times a lead and
    // the ids twice, and every use parsed the text again (about 2 µs a timestamptz on the shared machine, 4-5 ms a
    // batch of 470).
    private static final String INSERT =
            """
            with incoming as materialized (
                select t.tenant_id, t.lead_id::uuid as lead_id, t.source, t.manager_id::uuid as manager_id,
                    t.created_at::timestamptz as created_at, t.client_name, t.team_id::uuid as team_id,
                    t.external_system, t.external_id, t.n
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[])
                    with ordinality as t(tenant_id, lead_id, source, manager_id, created_at, client_name, team_id,
                        external_system, external_id, n)
            ), shifts as materialized (
                select * from lead_shifts(?, array(select tenant_id from incoming order by n),
                    array(select created_at from incoming order by n))
            ), inserted as (
                insert into lead_fact (gen, tenant_id, lead_id, source, manager_id, created_at, owner_id, owner_since,
                    client_name, team_id, status, stage_entered_at, last_touched_at, shift, external_system,
                    external_id)
                select ?, tenant_id, lead_id, source, manager_id, created_at, manager_id, created_at, client_name,
                    team_id, 'NEW', created_at, greatest(created_at, %s), shifts.shift, external_system, external_id
                from incoming left join shifts on shifts.n = incoming.n order by incoming.n
                on conflict do nothing
                returning tenant_id, lead_id, created_at)
            insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at)
            select ?, tenant_id, 'LEAD', lead_id, ?, created_at from inserted
            on conflict do nothing""".formatted(CardTouches.latestKept("?", "incoming.tenant_id", "'LEAD'", "incoming.lead_id"));

    private final EntityManager em;

    public LeadInflowProjection(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Applying at, LeadCreated created) {
        applyAll(List.of(new NewLead(at, created)));
    }

    /**
     * Applies lead creations of one generation, in order. A second creation of the same lead (a replay from another
     * source) keeps the first. The shift is read from the schedules known now, for all the leads in one query
     * ({@code lead_shifts}); {@link ShiftScheduleProjection} corrects it when a schedule arrives later.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(List<NewLead> leads) {
        if (leads.isEmpty()) {
            return;
        }
        int gen = leads.get(0).at().gen();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int i = 1;
                for (Function<NewLead, Object> column : List.<Function<NewLead, Object>>of(
                        lead -> lead.at().tenant(),
                        lead -> lead.created().leadId(),
                        lead -> lead.created().source(),
                        lead -> lead.created().managerId(),
                        lead -> lead.created().createdAt(),
                        lead -> lead.created().clientName(),
                        lead -> lead.created().teamId(),
                        lead -> lead.created().externalSystem(),
                        lead -> lead.created().externalId())) {
                    Array values = connection.createArrayOf(
                            "text",
                            leads.stream()
                                    .map(column)
                                    .map(value -> Objects.toString(value, null))
                                    .toArray());
                    insert.setArray(i++, values);
                }
                insert.setInt(i++, gen);
                insert.setInt(i++, gen);
                insert.setInt(i++, gen);
                insert.setInt(i++, gen);
                insert.setString(i, CardStays.leadStage("NEW"));
                insert.executeUpdate();
            }
        });
    }
}
