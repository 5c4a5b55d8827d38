package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;
import static com.salespulse.analytics.readmodel.Statements.text;

import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.LeadCardsTransferred;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Card transfers and the cards each moved: the cohorts of metric 12. A card reported twice is kept once, moved at
 * the earlier of the two moments.
 */
@ApplicationScoped
public class TransferProjection {

    private final EntityManager em;

    public TransferProjection(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void started(Applying at, CardTransferStarted e) {
        run(em, """
                insert into transfer_fact (gen, tenant_id, transfer_id, from_manager_id, reason, started_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""", at.gen(), at.tenant(), e.transferId(), e.fromManagerId(), text(e.reason()), e.startedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void leadsMoved(Applying at, LeadCardsTransferred e) {
        e.moved().forEach(m -> moved(at, e.transferId(), "LEAD", m.leadId(), m.toManagerId(), e.completedAt()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void dealsMoved(Applying at, DealCardsTransferred e) {
        e.moved().stream()
                .filter(m -> "DEAL".equals(m.cardType()))
                .forEach(m -> moved(at, e.transferId(), "DEAL", m.cardId(), m.toManagerId(), e.completedAt()));
    }

    /**
     * A card moved by a transfer. It is reported twice, by the card's own event (its reassignment, at the moment it
     * moved) and by the transfer's report (at its completion, a little later), which travel under different keys and
     * arrive in either order: the earlier moment is the move, whichever came first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moved(Applying at, UUID transferId, String cardType, UUID cardId, UUID toManagerId, Instant movedAt) {
        run(em, """
                insert into transfer_card (gen, tenant_id, transfer_id, card_type, card_id, to_manager_id, moved_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (gen, tenant_id, transfer_id, card_type, card_id) do update
                    set moved_at = least(transfer_card.moved_at, excluded.moved_at)""", at.gen(), at.tenant(), transferId, cardType, cardId, toManagerId, movedAt);
    }
}
