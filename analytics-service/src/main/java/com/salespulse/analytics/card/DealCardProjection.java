package com.salespulse.analytics.card;

import static com.salespulse.analytics.readmodel.Statements.run;
import static com.salespulse.analytics.readmodel.Statements.text;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.salespulse.analytics.ingest.Applying;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.PipelineDefinition;
import com.salespulse.contract.deal.StageDefinition;

/** Keeps where each deal stands now in {@code deal_card}, its stays per stage, and the stages' names. */
@ApplicationScoped
public class DealCardProjection {

    private final EntityManager em;
    private final CardStays stays;
    private final TransferProjection transfers;
    private final CardTouches touches;

    public DealCardProjection(EntityManager em, CardStays stays, TransferProjection transfers, CardTouches touches) {
        this.em = em;
        this.stays = stays;
        this.transfers = transfers;
        this.touches = touches;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void opened(Applying at, DealOpened e) {
        int inserted = run(em, """
                insert into deal_card (gen, tenant_id, deal_id, manager_id, owner_since, pipeline_id, stage_id, status, source,
                    client_name, opened_at, stage_entered_at, last_touched_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'OPEN', ?8, ?9, ?5, ?5, ?5) on conflict do nothing""",
                at.gen(), at.tenant(), e.dealId(), e.managerId(), e.openedAt(), e.pipelineId(), e.stageId(), e.source(),
                text(e.clientName()));
        if (inserted == 1) {
            stays.move(at, "DEAL", e.dealId(), e.stageId().toString(), e.openedAt());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stageMoved(Applying at, DealStageMoved e) {
        run(em, """
                update deal_card set stage_id = ?4, stage_entered_at = ?5 where gen = ?1 and tenant_id = ?2 and deal_id = ?3""",
                at.gen(), at.tenant(), e.dealId(), e.toStageId(), e.movedAt());
        touches.touch(at, "DEAL", e.dealId(), e.movedAt());
        stays.move(at, "DEAL", e.dealId(), e.toStageId().toString(), e.movedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void won(Applying at, DealWon e) {
        close(at, e.dealId(), "WON", e.wonStageId(), e.closedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void lost(Applying at, DealLost e) {
        close(at, e.dealId(), "LOST", e.lostStageId(), e.closedAt());
    }

    private void close(Applying at, java.util.UUID dealId, String status, java.util.UUID stageId, java.time.Instant when) {
        run(em, """
                update deal_card set status = ?4, stage_id = ?5, stage_entered_at = ?6, closed_at = ?6,
                    last_touched_at = greatest(last_touched_at, ?6)
                where gen = ?1 and tenant_id = ?2 and deal_id = ?3""", at.gen(), at.tenant(), dealId, status, stageId, when);
        stays.move(at, "DEAL", dealId, null, when);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reopened(Applying at, DealReopened e) {
        run(em, """
                update deal_card set status = 'OPEN', stage_id = ?4, stage_entered_at = ?5, closed_at = null,
                    last_touched_at = greatest(last_touched_at, ?5)
                where gen = ?1 and tenant_id = ?2 and deal_id = ?3""", at.gen(), at.tenant(), e.dealId(), e.toStageId(), e.reopenedAt());
        stays.move(at, "DEAL", e.dealId(), e.toStageId().toString(), e.reopenedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reassigned(Applying at, DealReassigned e) {
        run(em, "update deal_card set manager_id = ?4, owner_since = ?5 where gen = ?1 and tenant_id = ?2 and deal_id = ?3",
                at.gen(), at.tenant(), e.dealId(), e.toManagerId(), e.reassignedAt());
        if (e.transferId() != null) {
            transfers.moved(at, e.transferId(), "DEAL", e.dealId(), e.toManagerId(), e.reassignedAt());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pipeline(Applying at, java.util.UUID pipelineId, PipelineDefinition definition) {
        for (StageDefinition stage : definition.stages()) {
            run(em, """
                    insert into stage_name (gen, tenant_id, stage_id, pipeline_id, name, position, kind) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    on conflict (gen, tenant_id, stage_id) do update set name = excluded.name, position = excluded.position,
                        kind = excluded.kind""",
                    at.gen(), at.tenant(), stage.stageId(), pipelineId, stage.name(), stage.order(), stage.kind());
        }
    }
}
