package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.text;
import static com.salespulse.analytics.readmodel.Statements.uuid;

import com.salespulse.contract.lead.LeadArchived;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadRestored;
import com.salespulse.contract.lead.LeadStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/**
 * Keeps a lead's current state in {@code lead_fact} (its row is created by the lead-inflow projection): owner,
 * status (its stage), rejection, unreached mark, archiving and the last touch. A lead's events share one partition,
 * so they arrive in order.
 */
@ApplicationScoped
public class LeadCardProjection {

    /** Statuses in which a lead is still being worked. */
    public static final Set<String> OPEN_STATUSES = Set.of("NEW", "IN_WORK", "QUALIFIED");

    private final CardStays stays;
    private final TransferProjection transfers;
    private final CardTouches touches;

    public LeadCardProjection(CardStays stays, TransferProjection transfers, CardTouches touches) {
        this.stays = stays;
        this.transfers = transfers;
        this.touches = touches;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void assigned(Applying at, LeadAssigned e) {
        at.writes()
                .run(
                        List.of(e.leadId()),
                        "update lead_fact set owner_id = ?4, owner_since = ?5, team_id = ?6 where gen = ?1 and tenant_id = ?2 and lead_id = ?3",
                        at.gen(),
                        at.tenant(),
                        e.leadId(),
                        e.toManagerId(),
                        e.assignedAt(),
                        uuid(e.toTeamId()));
        if (e.transferId() != null) {
            transfers.moved(at, e.transferId(), "LEAD", e.leadId(), e.toManagerId(), e.assignedAt());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(Applying at, LeadStatusChanged e) {
        boolean rejected = "REJECTED".equals(e.statusAfter());
        at.writes()
                .run(
                        List.of(e.leadId()),
                        """
                update lead_fact set status = ?4, stage_entered_at = ?5,
                    rejection_reason = case when ?6 then ?7 else rejection_reason end,
                    rejected_at = case when ?6 then ?5 else rejected_at end,
                    rejected_by = case when ?6 then ?8 else rejected_by end,
                    closed_at = case when ?6 then ?5 else closed_at end
                where gen = ?1 and tenant_id = ?2 and lead_id = ?3""",
                        at.gen(),
                        at.tenant(),
                        e.leadId(),
                        e.statusAfter(),
                        e.changedAt(),
                        rejected,
                        text(e.reasonCode()),
                        uuid(e.managerId()));
        touches.touch(at, "LEAD", e.leadId(), e.changedAt());
        stays.move(
                at,
                "LEAD",
                e.leadId(),
                OPEN_STATUSES.contains(e.statusAfter()) ? CardStays.leadStage(e.statusAfter()) : null,
                e.changedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void contactAttempted(Applying at, LeadContactAttempted e) {
        at.writes().run(List.of(e.leadId()), """
                update lead_fact set unreached = ?4 where gen = ?1 and tenant_id = ?2 and lead_id = ?3""", at.gen(), at.tenant(), e.leadId(), e.unreachedAfter());
        touches.touch(at, "LEAD", e.leadId(), e.attemptedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void archived(Applying at, LeadArchived e) {
        at.writes()
                .run(
                        List.of(e.leadId()),
                        "update lead_fact set archived = true where gen = ?1 and tenant_id = ?2 and lead_id = ?3",
                        at.gen(),
                        at.tenant(),
                        e.leadId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void restored(Applying at, LeadRestored e) {
        at.writes()
                .run(
                        List.of(e.leadId()),
                        "update lead_fact set archived = false where gen = ?1 and tenant_id = ?2 and lead_id = ?3",
                        at.gen(),
                        at.tenant(),
                        e.leadId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void converted(Applying at, LeadConverted e) {
        at.writes().run(List.of(e.leadId()), """
                update lead_fact set status = 'CONVERTED', closed_at = ?4, last_touched_at = greatest(last_touched_at, ?4)
                where gen = ?1 and tenant_id = ?2 and lead_id = ?3""", at.gen(), at.tenant(), e.leadId(), e.convertedAt());
        stays.move(at, "LEAD", e.leadId(), null, e.convertedAt());
    }
}
