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
 * completed task, a logged activity. It moves the card's last touch forward and is kept in {@code card_touch}, from
 * which metric 12 reads the first touch after a transfer's move or a card's creation ("touched within N days").
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
        // one statement (a data-modifying WITH): the card's last touch, and the touch itself, from which metric 12
        // reads the first touch after a move or creation, whichever topic brought the touch first
        run(em, "with card as (update " + table + " set last_touched_at = greatest(last_touched_at, ?4) "
                + "where gen = ?1 and tenant_id = ?2 and " + id + " = ?3) "
                + """
                insert into card_touch (gen, tenant_id, card_type, card_id, touched_at) values (?1, ?2, ?5, ?3, ?4)
                on conflict do nothing""",
                at.gen(), at.tenant(), cardId, when, deal ? "DEAL" : "LEAD");
    }
}
