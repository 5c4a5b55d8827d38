package com.salespulse.analytics.projection;

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

    private static final String ASSIGNED = """
            update lead_fact l set owner_id = v.owner_id, owner_since = v.owner_since, team_id = v.team_id
            from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::timestamptz[], ?::uuid[])
                v(gen, tenant_id, lead_id, owner_id, owner_since, team_id)
            where l.gen = v.gen and l.tenant_id = v.tenant_id and l.lead_id = v.lead_id""";

    private static final String STATUS_CHANGED = """
            update lead_fact l set status = v.status, stage_entered_at = v.changed_at,
                rejection_reason = case when v.rejected then v.reason else l.rejection_reason end,
                rejected_at = case when v.rejected then v.changed_at else l.rejected_at end,
                rejected_by = case when v.rejected then v.rejected_by else l.rejected_by end,
                closed_at = case when v.rejected then v.changed_at else l.closed_at end,
                last_touched_at = greatest(l.last_touched_at, v.changed_at)
            from unnest(?::int[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::boolean[], ?::text[],
                    ?::uuid[])
                v(gen, tenant_id, lead_id, status, changed_at, rejected, reason, rejected_by)
            where l.gen = v.gen and l.tenant_id = v.tenant_id and l.lead_id = v.lead_id""";

    private static final String UNREACHED = """
            update lead_fact l set unreached = v.unreached,
                last_touched_at = greatest(l.last_touched_at, v.attempted_at)
            from unnest(?::int[], ?::text[], ?::uuid[], ?::boolean[], ?::timestamptz[])
                v(gen, tenant_id, lead_id, unreached, attempted_at)
            where l.gen = v.gen and l.tenant_id = v.tenant_id and l.lead_id = v.lead_id""";

    private static final String ARCHIVED = """
            update lead_fact l set archived = v.archived, archived_changed_at = v.changed_at
            from unnest(?::int[], ?::text[], ?::uuid[], ?::boolean[], ?::timestamptz[])
                v(gen, tenant_id, lead_id, archived, changed_at)
            where l.gen = v.gen and l.tenant_id = v.tenant_id and l.lead_id = v.lead_id""";

    private static final String CONVERTED = """
            update lead_fact l set status = 'CONVERTED', closed_at = v.converted_at,
                last_touched_at = greatest(l.last_touched_at, v.converted_at)
            from unnest(?::int[], ?::text[], ?::uuid[], ?::timestamptz[]) v(gen, tenant_id, lead_id, converted_at)
            where l.gen = v.gen and l.tenant_id = v.tenant_id and l.lead_id = v.lead_id""";

    @Transactional(Transactional.TxType.MANDATORY)
    public void assigned(Applying at, LeadAssigned e) {
        at.writes()
                .run(
                        List.of(e.leadId()),
                        ASSIGNED,
                        at.gen(),
                        at.tenant(),
                        e.leadId(),
                        e.toManagerId(),
                        e.assignedAt(),
                        e.toTeamId());
        if (e.transferId() != null) {
            transfers.moved(at, e.transferId(), "LEAD", e.leadId(), e.toManagerId(), e.assignedAt());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(Applying at, LeadStatusChanged e) {
        at.writes()
                .run(
                        List.of(e.leadId()),
                        STATUS_CHANGED,
                        at.gen(),
                        at.tenant(),
                        e.leadId(),
                        e.statusAfter(),
                        e.changedAt(),
                        "REJECTED".equals(e.statusAfter()),
                        e.reasonCode(),
                        e.managerId());
        // the status update above moves the last touch: only the touch is kept (the row is updated once)
        touches.kept(at, "LEAD", e.leadId(), e.changedAt());
        stays.move(
                at,
                "LEAD",
                e.leadId(),
                OPEN_STATUSES.contains(e.statusAfter()) ? CardStays.leadStage(e.statusAfter()) : null,
                e.changedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void contactAttempted(Applying at, LeadContactAttempted e) {
        at.writes()
                .run(
                        List.of(e.leadId()),
                        UNREACHED,
                        at.gen(),
                        at.tenant(),
                        e.leadId(),
                        e.unreachedAfter(),
                        e.attemptedAt());
        touches.kept(at, "LEAD", e.leadId(), e.attemptedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void archived(Applying at, LeadArchived e) {
        at.writes().run(List.of(e.leadId()), ARCHIVED, at.gen(), at.tenant(), e.leadId(), true, e.archivedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void restored(Applying at, LeadRestored e) {
        at.writes().run(List.of(e.leadId()), ARCHIVED, at.gen(), at.tenant(), e.leadId(), false, e.restoredAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void converted(Applying at, LeadConverted e) {
        at.writes().run(List.of(e.leadId()), CONVERTED, at.gen(), at.tenant(), e.leadId(), e.convertedAt());
        stays.move(at, "LEAD", e.leadId(), null, e.convertedAt());
    }
}
