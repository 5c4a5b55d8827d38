package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;

import com.salespulse.contract.deal.CardSnoozed;
import com.salespulse.contract.deal.CardUnsnoozed;
import com.salespulse.contract.deal.DealArchived;
import com.salespulse.contract.deal.DealRestored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Issue 20's cards out of sight: a deal archived or restored ({@code deal_fact.archived}, which takes it out of
 * {@code open_cards} and so out of the "now" metrics) and a card snoozed or woken ({@code card_snooze}). Each write
 * sets a state, so applying an event again changes nothing. These events are barriers in {@code EventApplier}: what
 * was gathered before them runs first.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StaleCardProjection {

    @Inject
    EntityManager em;

    public void archived(Applying at, DealArchived e) {
        archived(at, e.dealId(), true);
    }

    public void restored(Applying at, DealRestored e) {
        archived(at, e.dealId(), false);
    }

    private void archived(Applying at, java.util.UUID dealId, boolean archived) {
        run(
                em,
                "update deal_fact set archived = ?1 where gen = ?2 and tenant_id = ?3 and deal_id = ?4",
                archived,
                at.gen(),
                at.tenant(),
                dealId);
    }

    /** A snooze again replaces the moment and the reason. */
    public void snoozed(Applying at, CardSnoozed e) {
        run(em, """
                insert into card_snooze (gen, tenant_id, card_type, card_id, snoozed_until, reason, snoozed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (gen, tenant_id, card_id) do update set card_type = excluded.card_type,
                    snoozed_until = excluded.snoozed_until, reason = excluded.reason, snoozed_at = excluded.snoozed_at""", at.gen(), at.tenant(), e.cardType(), e.cardId(), e.snoozedUntil(), e.reason(), e.snoozedAt());
    }

    public void unsnoozed(Applying at, CardUnsnoozed e) {
        run(
                em,
                "delete from card_snooze where gen = ?1 and tenant_id = ?2 and card_id = ?3",
                at.gen(),
                at.tenant(),
                e.cardId());
    }
}
