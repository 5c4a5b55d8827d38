-- Issue 16, freshness under load: a touch of a card (a completed task, a logged activity, a call on another key)
-- updated the card's last touch in the batch's touch statement and held the card (its row, and a shared advisory card
-- lock, TenantLocks) from there to the commit; the card's own events held it alone, so a card's touches and its own
-- events took turns (0.78 of the busy connections of the scale-0.1 freshness phase waited on card locks, p99 3.1 s).
--
-- Now a touch writes only card_touch while its batch applies; the cards' last touch (greatest) and the dismissed base's
-- first touch (least, card_touch's trigger until now) are brought up to date by card_touches_fold, which every batch
-- calls once, for all the tenants it applied, right after it wrote their position rows (projection_position) as its
-- last statement (EventApplier, CardTouches.fold). The batch holds those rows to its commit, so for each tenant the
-- folds of its batches run one at a time, each after the one before has committed.
--
-- The batch hands its touches to the fold as arrays (type, tenant, card, time): nothing is queued for a touch whose
-- card the fold can hold, which is nearly every touch. Earlier attempts (f16-touchfold2/3, not merged) queued every
-- touch in card_touch_due and deleted it at the fold: one dead row and index entry per touch, and while an older
-- transaction was open (a metric query, another batch) every fold walked all the tenant's dead entries again
-- (74 800 blocks a fold call, 161 ms, in one benchmark run). A due row per card updated in place would leave a dead
-- (HOT) version per touch as well and a table of every card ever touched; the arrays leave none.
--
-- Two folds never wait for each other's cards: the fold takes the touched cards' rows SKIP LOCKED. A row it cannot have
-- now is held by another batch of the tenant still applying (a card's own event, or an uncommitted creation: then the
-- row is not even visible). Only those touches are queued, in card_touch_due. That batch has not written the tenant's
-- position row yet (only one transaction holds it, this one), so it writes it after this batch commits, and its own
-- fold, which runs then, sees the due rows this batch left (committed with it) and folds them under its own row lock:
-- every fold takes every due row of its tenants whose card it can hold. Waiting for the card instead, while holding
-- the position row, would deadlock (the holder writes the position row last). Two folds of one card in turn are
-- harmless anyway: the last touch only grows (greatest), the first touch only moves earlier (least), and a due row is
-- deleted by the holder of its card only. The table is logged, so a due row left for another batch survives a crash.
-- A due row of a card that never comes (a touch of a card the read model does not have) stays until the card is
-- created; the creation starts its last touch from card_touch anyway.
--
-- Only the holders of a card's row write the rows kept from it (open_card, dismissed_baseline_card, the history, by
-- the card's triggers), so the fold, holding the row, never waits for those either. The rollup rows the cards'
-- triggers note are folded at the commit as always (V2026_12_19_20): the touches' fold runs before it.
create table if not exists card_touch_due (
    gen        int         not null,
    tenant_id  text        not null,
    card_type  text        not null,
    card_id    uuid        not null,
    touched_at timestamptz not null
);
create index if not exists card_touch_due_card on card_touch_due (gen, tenant_id, card_type, card_id);

-- the first touch of a kept card is now the fold's (below), from the touches, under the card's row
drop trigger if exists card_touch_baseline_inserted on card_touch;

-- One statement per card type, run only when the batch touched that type or due rows wait for its tenants: the
-- batch's touches and the waiting due rows grouped per card, each card's row reached by its primary key in a lateral
-- lookup (for no key update skip locked), the due rows of the held cards deleted by their ctid (a TID scan), the
-- touches of the cards not held queued, the dismissed base's first touch from each held card's own touch times. A card
-- type with nothing to fold runs no statement, so the cards' statement triggers (the history, open_card, the dismissed
-- base, the won rollups) do not run over nothing. A due row is only ever deleted by the holder of its card's row, so
-- its ctid cannot have been reused meanwhile.
create or replace function card_touches_fold(p_gen int, p_tenants text[], p_types text[], p_tenant_ids text[],
                                             p_cards uuid[], p_times timestamptz[])
    returns void language plpgsql as $$
declare
    -- nearly always false: the queue holds only the touches of cards another batch held at the time
    v_waiting boolean := exists (select 1 from card_touch_due d where d.gen = p_gen and d.tenant_id = any(p_tenants));
begin
    if v_waiting or 'LEAD' = any(p_types) then
        with touch as (
            select v.tenant_id, v.card_id, v.touched_at, null::tid as due
            from unnest(p_types, p_tenant_ids, p_cards, p_times) v(card_type, tenant_id, card_id, touched_at)
            where v.card_type = 'LEAD'
            union all
            select d.tenant_id, d.card_id, d.touched_at, d.ctid
            from card_touch_due d
            where v_waiting and d.gen = p_gen and d.tenant_id = any(p_tenants) and d.card_type = 'LEAD'
        ), held as materialized (
            select t.tenant_id, t.card_id, t.last, t.times, t.fresh, t.rows, c.found, c.last_touched_at
            from (select tenant_id, card_id, max(touched_at) as last, array_agg(touched_at) as times,
                         array_agg(touched_at) filter (where due is null) as fresh,
                         array_agg(due) filter (where due is not null) as rows
                  from touch group by tenant_id, card_id) t
                 left join lateral (select true as found, c.last_touched_at from lead_fact c
                                    where c.gen = p_gen and c.tenant_id = t.tenant_id and c.lead_id = t.card_id
                                    for no key update skip locked) c on true
        ), card as (
            update lead_fact c set last_touched_at = h.last
            from held h
            where h.found and c.gen = p_gen and c.tenant_id = h.tenant_id and c.lead_id = h.card_id
              and (h.last_touched_at is null or h.last_touched_at < h.last)
        ), gone as (
            delete from card_touch_due d
            where d.ctid = any(array(select unnest(h.rows) from held h where h.found))
        ), queued as (
            insert into card_touch_due (gen, tenant_id, card_type, card_id, touched_at)
            select p_gen, h.tenant_id, 'LEAD', h.card_id, f.touched_at
            from held h cross join unnest(h.fresh) f(touched_at)
            where h.found is null
        ), first as (
            select h.tenant_id, h.card_id, (select min(t) from unnest(h.times) t where t >= k.arrived_at) as first
            from held h
                 join dismissed_baseline_card k
                   on k.gen = p_gen and k.tenant_id = h.tenant_id and k.card_type = 'LEAD' and k.card_id = h.card_id
            where h.found
        )
        update dismissed_baseline_card b set first_touched_at = f.first
        from first f
        where b.gen = p_gen and b.tenant_id = f.tenant_id and b.card_type = 'LEAD' and b.card_id = f.card_id
          and f.first is not null and (b.first_touched_at is null or f.first < b.first_touched_at);
    end if;

    if v_waiting or 'DEAL' = any(p_types) then
        with touch as (
            select v.tenant_id, v.card_id, v.touched_at, null::tid as due
            from unnest(p_types, p_tenant_ids, p_cards, p_times) v(card_type, tenant_id, card_id, touched_at)
            where v.card_type = 'DEAL'
            union all
            select d.tenant_id, d.card_id, d.touched_at, d.ctid
            from card_touch_due d
            where v_waiting and d.gen = p_gen and d.tenant_id = any(p_tenants) and d.card_type = 'DEAL'
        ), held as materialized (
            select t.tenant_id, t.card_id, t.last, t.times, t.fresh, t.rows, c.found, c.last_touched_at
            from (select tenant_id, card_id, max(touched_at) as last, array_agg(touched_at) as times,
                         array_agg(touched_at) filter (where due is null) as fresh,
                         array_agg(due) filter (where due is not null) as rows
                  from touch group by tenant_id, card_id) t
                 left join lateral (select true as found, c.last_touched_at from deal_fact c
                                    where c.gen = p_gen and c.tenant_id = t.tenant_id and c.deal_id = t.card_id
                                    for no key update skip locked) c on true
        ), card as (
            update deal_fact c set last_touched_at = h.last
            from held h
            where h.found and c.gen = p_gen and c.tenant_id = h.tenant_id and c.deal_id = h.card_id
              and (h.last_touched_at is null or h.last_touched_at < h.last)
        ), gone as (
            delete from card_touch_due d
            where d.ctid = any(array(select unnest(h.rows) from held h where h.found))
        ), queued as (
            insert into card_touch_due (gen, tenant_id, card_type, card_id, touched_at)
            select p_gen, h.tenant_id, 'DEAL', h.card_id, f.touched_at
            from held h cross join unnest(h.fresh) f(touched_at)
            where h.found is null
        ), first as (
            select h.tenant_id, h.card_id, (select min(t) from unnest(h.times) t where t >= k.arrived_at) as first
            from held h
                 join dismissed_baseline_card k
                   on k.gen = p_gen and k.tenant_id = h.tenant_id and k.card_type = 'DEAL' and k.card_id = h.card_id
            where h.found
        )
        update dismissed_baseline_card b set first_touched_at = f.first
        from first f
        where b.gen = p_gen and b.tenant_id = f.tenant_id and b.card_type = 'DEAL' and b.card_id = f.card_id
          and f.first is not null and (b.first_touched_at is null or f.first < b.first_touched_at);
    end if;
end $$;
