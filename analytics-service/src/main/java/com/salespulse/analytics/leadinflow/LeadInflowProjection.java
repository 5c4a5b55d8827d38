package com.salespulse.analytics.leadinflow;

import static com.salespulse.analytics.readmodel.Statements.run;
import static com.salespulse.analytics.readmodel.Statements.text;
import static com.salespulse.analytics.readmodel.Statements.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.salespulse.analytics.card.CardStays;
import com.salespulse.analytics.ingest.Applying;
import com.salespulse.contract.lead.LeadCreated;

/** Adds a lead that came in to {@code lead_fact}, with the shift it arrived in; {@link com.salespulse.analytics.card.LeadCardProjection} follows it afterwards. */
@ApplicationScoped
public class LeadInflowProjection {

    private final EntityManager em;
    private final CardStays stays;

    public LeadInflowProjection(EntityManager em, CardStays stays) {
        this.em = em;
        this.stays = stays;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Applying at, LeadCreated created) {
        // a second creation event for the same lead (a replay from another source) keeps the first; the shift it came
        // in is read from the schedules known now (ShiftScheduleProjection corrects it when a schedule arrives later)
        int inserted = run(em, """
                insert into lead_fact (gen, tenant_id, lead_id, source, manager_id, created_at, owner_id, owner_since,
                    client_name, team_id, status, stage_entered_at, last_touched_at, shift)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6, ?7, ?8, 'NEW', ?6, ?6, lead_shift(?1, ?2, ?6)) on conflict do nothing""",
                at.gen(), at.tenant(), created.leadId(), created.source(), uuid(created.managerId()), created.createdAt(),
                text(created.clientName()), uuid(created.teamId()));
        if (inserted == 1) {
            stays.move(at, "LEAD", created.leadId(), CardStays.leadStage("NEW"), created.createdAt());
        }
    }
}
