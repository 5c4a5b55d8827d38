package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A touch is any sign that someone worked a card: a contact attempt or status change on a lead, a stage move, a
 * completed task, a logged activity. It moves the card's last touch forward and is kept in {@code card_touch}, from
 * which metric 12 reads the first touch after a transfer's move or a card's creation ("touched within N days"). A
 * touch applied before its card (another key, so another partition or topic) is kept there too, and the card's
 * creation takes it into its last touch ({@link #latestKept}).
 */
@ApplicationScoped
public class CardTouches {

    /**
     * A SQL expression: the latest touch already kept for a card, null if none. A card's creation starts its last
     * touch from it, because its touches travel under other keys (an activity, a task) and may be applied before the
     * card itself: a touch applied first must count as when it is applied after. {@code gen}, {@code tenant},
     * {@code cardType} and {@code cardId} are SQL expressions (parameters or columns).
     */
    public static String latestKept(String gen, String tenant, String cardType, String cardId) {
        return "(select max(k.touched_at) from card_touch k where k.gen = %s and k.tenant_id = %s and k.card_type = %s "
                        .formatted(gen, tenant, cardType)
                + "and k.card_id = " + cardId + ")";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Applying at, String cardType, UUID cardId, Instant when) {
        boolean deal = "DEAL".equals(cardType);
        String table = deal ? "deal_fact" : "lead_fact";
        String id = deal ? "deal_id" : "lead_id";
        // one statement (a data-modifying WITH): the card's last touch, and the touch itself, from which metric 12
        // reads the first touch after a move or creation, whichever topic brought the touch first
        at.writes()
                .run(
                        List.of(cardId),
                        "with card as (update " + table + " set last_touched_at = greatest(last_touched_at, ?4) "
                                + "where gen = ?1 and tenant_id = ?2 and " + id + " = ?3) "
                                + """
                insert into card_touch (gen, tenant_id, card_type, card_id, touched_at) values (?1, ?2, ?5, ?3, ?4)
                on conflict do nothing""",
                        at.gen(),
                        at.tenant(),
                        cardId,
                        when,
                        deal ? "DEAL" : "LEAD");
    }
}
