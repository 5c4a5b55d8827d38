-- Issue 16, freshness under load: a touch of a card (a completed task, a logged activity, a call on another key)
-- updated the card's last touch in the batch's touch statement and held the card (its row, and a shared advisory card
-- lock, TenantLocks) from there to the commit; the card's own events held it alone, so a card's touches and its own
-- events took turns (0.87 of the busy connections of the scale run waited on card locks, p99 freshness 3.9 s).
--
-- Now a touch writes only card_touch and a due row here; the cards' last touch (greatest) and the dismissed base's
-- first touch (least, card_touch's trigger until now) are brought up to date when the transaction commits, by a
-- deferred constraint trigger on the tenant's position row (projection_position). Every batch of a tenant writes that
-- row as its last statement (EventApplier, ProjectionPositionRepository) and holds it to its commit, so the commit
-- phases of one tenant's batches run one at a time, and the fold runs in each of them (as the rollups' fold,
-- V2026_12_19_20).
--
-- The fold takes the due cards' rows in key order and SKIP LOCKED: a row it cannot have now is held by another batch
-- of the tenant still applying (a card's own event, a creation not committed yet: invisible). Waiting for it under the
-- position row would deadlock (that batch writes the position row last), so the due rows of such a card stay, committed
-- with this transaction, and that batch's own commit, which comes after this one (it waits for the position row),
-- folds them: every fold takes all the due rows of its tenant it can see. The table is logged, so a due row left for
-- another batch survives a crash. A due row of a card that never comes (a touch of a card the read model does not
-- have) stays until the card is created; the creation starts its last touch from card_touch anyway.
--
-- Only the holders of a card's row write the rows kept from it (open_card, dismissed_baseline_card, the history, by
-- the card's triggers), so the fold, holding the row, never waits for those either.
create table card_touch_due (
    gen        int         not null,
    tenant_id  text        not null,
    card_type  text        not null,
    card_id    uuid        not null,
    touched_at timestamptz not null
);
create index card_touch_due_card on card_touch_due (gen, tenant_id, card_type, card_id);

-- the first touch of a kept card is now the fold's (below), from the due rows, under the card's row
drop trigger card_touch_baseline_inserted on card_touch;

create function card_touches_fold() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from card_touch_due d where d.gen = new.gen and d.tenant_id = new.tenant_id) then
        return null;
    end if;
    -- the cards' triggers may note rollup rows (V2026_12_19_20): if the rollups' fold already ran in this commit,
    -- a note schedules it again
    if not exists (select 1 from rollup_fold_due where xid = pg_current_xact_id()) then
        perform set_config('salespulse.rollups_fold_due', '', true);
    end if;
    -- leads, then deals (always this order, each in key order)
    with due as (
        select card_id, max(touched_at) as last
        from card_touch_due
        where gen = new.gen and tenant_id = new.tenant_id and card_type = 'LEAD'
        group by card_id
    ), held as materialized (
        select c.lead_id as card_id, d.last
        from lead_fact c join due d on c.gen = new.gen and c.tenant_id = new.tenant_id and c.lead_id = d.card_id
        order by c.lead_id
        for no key update of c skip locked
    ), card as (
        update lead_fact c set last_touched_at = h.last
        from held h
        where c.gen = new.gen and c.tenant_id = new.tenant_id and c.lead_id = h.card_id
          and (c.last_touched_at is null or c.last_touched_at < h.last)
    ), first as (
        update dismissed_baseline_card b set first_touched_at = f.first
        from (select d.card_id, min(d.touched_at) as first
              from card_touch_due d
                   join held h on h.card_id = d.card_id
                   join dismissed_baseline_card k
                     on k.gen = new.gen and k.tenant_id = new.tenant_id and k.card_type = 'LEAD'
                    and k.card_id = d.card_id
              where d.gen = new.gen and d.tenant_id = new.tenant_id and d.card_type = 'LEAD'
                and d.touched_at >= k.arrived_at
              group by 1) f
        where b.gen = new.gen and b.tenant_id = new.tenant_id and b.card_type = 'LEAD' and b.card_id = f.card_id
          and (b.first_touched_at is null or f.first < b.first_touched_at)
    )
    delete from card_touch_due d using held h
    where d.gen = new.gen and d.tenant_id = new.tenant_id and d.card_type = 'LEAD' and d.card_id = h.card_id;

    with due as (
        select card_id, max(touched_at) as last
        from card_touch_due
        where gen = new.gen and tenant_id = new.tenant_id and card_type = 'DEAL'
        group by card_id
    ), held as materialized (
        select c.deal_id as card_id, d.last
        from deal_fact c join due d on c.gen = new.gen and c.tenant_id = new.tenant_id and c.deal_id = d.card_id
        order by c.deal_id
        for no key update of c skip locked
    ), card as (
        update deal_fact c set last_touched_at = h.last
        from held h
        where c.gen = new.gen and c.tenant_id = new.tenant_id and c.deal_id = h.card_id
          and (c.last_touched_at is null or c.last_touched_at < h.last)
    ), first as (
        update dismissed_baseline_card b set first_touched_at = f.first
        from (select d.card_id, min(d.touched_at) as first
              from card_touch_due d
                   join held h on h.card_id = d.card_id
                   join dismissed_baseline_card k
                     on k.gen = new.gen and k.tenant_id = new.tenant_id and k.card_type = 'DEAL'
                    and k.card_id = d.card_id
              where d.gen = new.gen and d.tenant_id = new.tenant_id and d.card_type = 'DEAL'
                and d.touched_at >= k.arrived_at
              group by 1) f
        where b.gen = new.gen and b.tenant_id = new.tenant_id and b.card_type = 'DEAL' and b.card_id = f.card_id
          and (b.first_touched_at is null or f.first < b.first_touched_at)
    )
    delete from card_touch_due d using held h
    where d.gen = new.gen and d.tenant_id = new.tenant_id and d.card_type = 'DEAL' and d.card_id = h.card_id;
    return null;
end $$;

create constraint trigger card_touches_folded_at_commit after insert or update on projection_position
    deferrable initially deferred for each row execute function card_touches_fold();
