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
        archived(at, e.dealId(), true, e.archivedAt());
    }

    public void restored(Applying at, DealRestored e) {
        archived(at, e.dealId(), false, e.restoredAt());
    }

    /** The moment goes into the deal's history (card_state_span, kept by a trigger on deal_fact). */
    private void archived(Applying at, java.util.UUID dealId, boolean archived, java.time.Instant when) {
        run(
                em,
                "update deal_fact set archived = ?1, archived_changed_at = ?5 where gen = ?2 and tenant_id = ?3 "
                        + "and deal_id = ?4",
                archived,
                at.gen(),
                at.tenant(),
                dealId,
                when);
    }

    /**
     * A snooze again replaces the moment and the reason. Its history ({@code card_snooze_span}, for the metrics asked
     * about a past moment): the snooze holding until now ends at this one's moment.
     */
    public void snoozed(Applying at, CardSnoozed e) {
        endSnooze(at, e.cardId(), e.snoozedAt());
        run(em, """
                insert into card_snooze_span (gen, tenant_id, card_type, card_id, since, snoozed_until, reason)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (gen, tenant_id, card_id, since) do update set ended_at = null,
                    snoozed_until = excluded.snoozed_until, reason = excluded.reason""", at.gen(), at.tenant(), e.cardType(), e.cardId(), e.snoozedAt(), e.snoozedUntil(), e.reason());
        run(em, """
                insert into card_snooze (gen, tenant_id, card_type, card_id, snoozed_until, reason, snoozed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (gen, tenant_id, card_id) do update set card_type = excluded.card_type,
                    snoozed_until = excluded.snoozed_until, reason = excluded.reason, snoozed_at = excluded.snoozed_at""", at.gen(), at.tenant(), e.cardType(), e.cardId(), e.snoozedUntil(), e.reason(), e.snoozedAt());
    }

    public void unsnoozed(Applying at, CardUnsnoozed e) {
        endSnooze(at, e.cardId(), e.unsnoozedAt());
        run(
                em,
                "delete from card_snooze where gen = ?1 and tenant_id = ?2 and card_id = ?3",
                at.gen(),
                at.tenant(),
                e.cardId());
    }

    /** Ends the card's holding snooze at {@code when}, never before it began. */
    private void endSnooze(Applying at, java.util.UUID cardId, java.time.Instant when) {
        run(
                em,
                "update card_snooze_span set ended_at = greatest(since, cast(?4 as timestamptz)) where gen = ?1 "
                        + "and tenant_id = ?2 and card_id = ?3 and ended_at is null",
                at.gen(),
                at.tenant(),
                cardId,
                when);
    }
}
