package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** The stages a card passed through and how long it stayed: one row per stay, open while the card is in it. */
@ApplicationScoped
public class CardStays {

    /**
     * The stays a statement finished, {@code %s} (a query over its update's and insert's returned rows: gen,
     * tenant_id, card_type, stage, entered_at, left_at), noted for their stage's row of {@code card_stay_hour} per whole
     * hour of their length (migration V2026_12_18_20): the transaction adds them to the rollup when it commits, in key
     * order (V2026_12_19_20), so the rollup's rows, which every card of the tenant shares, are held from then to the
     * commit only, not from this statement on, and batches of the tenant applied side by side do not wait on each
     * other for them. Only stays the statement changed are returned (a stay already left, or a conflicting insert,
     * returns nothing), so a repeated event adds nothing.
     */
    static final String FINISHED = """
            insert into card_stay_hour_pending (gen, tenant_id, card_type, stage, hours, stays, seconds)
            select gen, tenant_id, card_type, stage, floor(seconds / 3600)::int, count(*), sum(seconds)
            from (select f.gen, f.tenant_id, f.card_type, f.stage, extract(epoch from (f.left_at - f.entered_at))
                      as seconds
                  from (%s) f) f
            group by 1, 2, 3, 4, 5""";

    /**
     * The batch's moves of every card, one statement after the batch's other gathered statements (the moves are the only
     * statements that read or write a card's stays, besides a deal's opening, which comes before its moves). A card
     * moved several times in the batch has its rows in its events' order ({@code n}): its first move leaves the stay
     * open before the batch, each move enters its stage, and each entered stay is left at the card's next move in the
     * batch (written closed at once instead of inserted open and updated by the next statement). The update and the
     * insert read the same snapshot, so the stay left is never one entered now. The same rows as one statement per move
     * in order: a stay already there (same card, stage and instant) is kept as it is, and a card closed by a move
     * ({@code stage} null) enters nothing. The stays the statement finishes (left by the update, or inserted closed)
     * are noted for {@code card_stay_hour} in the same statement, added at the commit ({@link #FINISHED}).
     * <p>
     * The same statement keeps {@code won_deal_stay} (migration V2026_12_23_40), deal-cycle's time per stage: for each
     * deal it moves that is won (a win moves the deal out of its last stage, so every win comes here, after the win's
     * own statement of the batch), the deal's finished stays under its closing — those finished before (read from
     * card_stay, whose rows the statement sees as they were before it) and those it finishes now, each with its length
     * in whole minutes, truncated (deal-cycle's rule). A deal already written for this win conflicts and adds nothing;
     * an open deal costs one probe of deal_fact's key. Every moved deal is probed, not only the closing ones, so a move
     * delivered after the deal's win (history in any order) still adds the stay it finishes.
     */
    private static final String MOVES = """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[])
                    with ordinality v(gen, tenant_id, card_type, card_id, stage, moved_at, n)
            ), moves as (
                select v.*, row_number() over card as nth, lead(v.moved_at) over card as left_at
                from v window card as (partition by v.gen, v.tenant_id, v.card_type, v.card_id order by v.n)
            ), leaving as (
                update card_stay s set left_at = m.moved_at from moves m
                where m.nth = 1 and s.gen = m.gen and s.tenant_id = m.tenant_id and s.card_type = m.card_type
                  and s.card_id = m.card_id and s.left_at is null
                returning s.gen, s.tenant_id, s.card_type, s.card_id, s.stage, s.entered_at, s.left_at
            ), entering as (
                insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at, left_at)
                select gen, tenant_id, card_type, card_id, stage, moved_at, left_at from moves where stage is not null
                order by n
                on conflict do nothing
                returning gen, tenant_id, card_type, card_id, stage, entered_at, left_at
            ), finished as (
                select * from leaving union all select * from entering where left_at is not null
            ), won_stays as (
                insert into won_deal_stay (gen, tenant_id, closed_at, deal_id, entered_at, stage, minutes)
                select d.gen, d.tenant_id, d.closed_at, d.deal_id, s.entered_at, s.stage,
                    cast(div(floor(extract(epoch from s.left_at) - extract(epoch from s.entered_at)), 60) as bigint)
                from (select distinct gen, tenant_id, card_id from moves where card_type = 'DEAL') m
                join deal_fact d on d.gen = m.gen and d.tenant_id = m.tenant_id and d.deal_id = m.card_id
                cross join lateral (
                    select s.entered_at, s.stage, s.left_at from card_stay s
                    where s.gen = d.gen and s.tenant_id = d.tenant_id and s.card_type = 'DEAL'
                      and s.card_id = d.deal_id and s.left_at is not null
                    union all
                    select f.entered_at, f.stage, f.left_at from finished f
                    where f.gen = d.gen and f.tenant_id = d.tenant_id and f.card_type = 'DEAL'
                      and f.card_id = d.deal_id) s
                where d.status = 'WON' and d.closed_at is not null
                on conflict do nothing
            )
            """ + FINISHED.formatted("select * from finished");

    /**
     * Leaves the card's current stage (if any) and, unless {@code stage} is null (a closed card), enters it: at the
     * batch's next flush, with the batch's other moves ({@link #MOVES}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(Applying at, String cardType, UUID cardId, String stage, Instant when) {
        at.writes().runInOrderAfterSteps(MOVES, at.gen(), at.tenant(), cardType, cardId, stage, when);
    }

    public static String leadStage(String status) {
        return "LEAD:" + status;
    }
}
