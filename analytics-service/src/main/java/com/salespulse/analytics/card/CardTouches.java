package com.salespulse.analytics.card;

import static com.salespulse.analytics.readmodel.Statements.run;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.salespulse.analytics.ingest.Applying;

/**
 * A touch is any sign that someone worked a card: a contact attempt or status change on a lead, a stage move, a
 * completed task, a logged activity. It moves the card's last touch forward, sets its first touch, and is kept in
 * {@code card_touch}, from which a transfer cohort's "touched within N days" is read.
 */
@ApplicationScoped
public class CardTouches {

    private final EntityManager em;

    public CardTouches(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Applying at, String cardType, UUID cardId, Instant when) {
        boolean deal = "DEAL".equals(cardType);
        String table = deal ? "deal_fact" : "lead_fact";
        String id = deal ? "deal_id" : "lead_id";
        // one statement (a data-modifying WITH): the card's first and last touch, and the touch itself, which the
        // transfer cohorts read (metric 12) whenever the move that it follows is applied
        run(em, "with card as (update " + table + " set last_touched_at = greatest(last_touched_at, ?4), "
                + "first_touched_at = least(coalesce(first_touched_at, ?4), ?4) where gen = ?1 and tenant_id = ?2 and "
                + id + " = ?3) "
                + """
                insert into card_touch (gen, tenant_id, card_type, card_id, touched_at) values (?1, ?2, ?5, ?3, ?4)
                on conflict do nothing""",
                at.gen(), at.tenant(), cardId, when, deal ? "DEAL" : "LEAD");
    }
}
