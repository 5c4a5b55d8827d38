package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
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

    /**
     * One statement (a data-modifying WITH) per card type for all the batch's touches: the cards' last touch (the
     * latest of their touches, whatever their order) and the touches themselves, from which metric 12 reads the first
     * touch after a move or creation, whichever topic brought the touch first.
     * <p>
     * A touch commutes with every other gathered statement, so it is gathered in any order ({@link Writes#runInAnyOrder})
     * instead of one step after its card's last statement: the last touch only ever grows ({@code greatest}) wherever
     * it is written (a conversion, a closing, a reopening), and a card written after its touches (a deal's opening, a
     * win that inserts the deal) starts its last touch from the touches kept in {@code card_touch} ({@link
     * #latestKept}), so a touch applied before or after the card's row gives the same row. A card whose last touch is
     * already as late is not updated at all: a new row version with the same values would still run the table's
     * statement triggers over it.
     * <p>
     * Touch batches of one card from several partitions apply side by side ({@link TenantLocks}: a touch holds its
     * card shared), so two of these statements may want the same cards' rows: each takes its cards' rows in key order
     * ({@code held}) before it changes them, so they wait for each other in that order and never deadlock.
     */
    private static final String TOUCH = """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::uuid[], ?::timestamptz[], ?::boolean[])
                    v(gen, tenant_id, card_id, touched_at, written)
            ), held as materialized (
                select c.gen, c.tenant_id, c.%2$s as card_id, latest.touched_at
                from %1$s c
                join (select gen, tenant_id, card_id, max(touched_at) as touched_at from v where not written
                      group by gen, tenant_id, card_id) latest
                  on c.gen = latest.gen and c.tenant_id = latest.tenant_id and c.%2$s = latest.card_id
                where c.last_touched_at is null or c.last_touched_at < latest.touched_at
                order by c.gen, c.tenant_id, c.%2$s
                for no key update of c
            ), card as (
                update %1$s c set last_touched_at = greatest(c.last_touched_at, h.touched_at)
                from held h
                where c.gen = h.gen and c.tenant_id = h.tenant_id and c.%2$s = h.card_id)
            insert into card_touch (gen, tenant_id, card_type, card_id, touched_at)
            select gen, tenant_id, '%3$s', card_id, touched_at from v
            on conflict do nothing""";

    private static final String LEAD_TOUCH = TOUCH.formatted("lead_fact", "lead_id", "LEAD");
    private static final String DEAL_TOUCH = TOUCH.formatted("deal_fact", "deal_id", "DEAL");

    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Applying at, String cardType, UUID cardId, Instant when) {
        String sql = "DEAL".equals(cardType) ? DEAL_TOUCH : LEAD_TOUCH;
        at.writes().runInAnyOrder(sql, at.gen(), at.tenant(), cardId, when, false);
    }

    /**
     * A touch whose event's own statement on the card's row sets {@code last_touched_at = greatest(last_touched_at,
     * when)} itself (a stage move, a lead's status change or contact attempt): only the touch is kept. {@link #touch}
     * would update the row a second time in the same batch, and every update of a card's row runs the row's
     * statement triggers (history, kept cards, rollups) over it again. The result is the same: the last touch only
     * grows, wherever it is written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void kept(Applying at, String cardType, UUID cardId, Instant when) {
        String sql = "DEAL".equals(cardType) ? DEAL_TOUCH : LEAD_TOUCH;
        // the same statement as the batch's other touches of the card type, so still one statement and one pass of
        // card_touch's trigger a batch; written = true leaves the card's row to the event's own update
        at.writes().runInAnyOrder(sql, at.gen(), at.tenant(), cardId, when, true);
    }
}
