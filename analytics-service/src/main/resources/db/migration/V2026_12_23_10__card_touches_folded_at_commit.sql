-- Issue 16, freshness under load: a touch of a card (a completed task, a logged activity, a call on another key)
-- updated the card's last touch in the batch's touch statement and held the card (its row, and a shared advisory card
-- lock, TenantLocks) from there to the commit; the card's own events held it alone, so a card's touches and its own
-- events took turns (0.87 of the busy connections of the scale run waited on card locks, p99 freshness 3.9 s).
--
-- Now a touch writes only card_touch and a due row here; the cards' last touch (greatest) and the dismissed base's
-- first touch (least, card_touch's trigger until now) are brought up to date by card_touches_fold, which every batch
-- calls once, for all the tenants it applied, right after it wrote their position rows (projection_position) as its
-- last statement (EventApplier, CardTouches.fold). The batch holds those rows to its commit, so for each tenant the
-- folds of its batches run one at a time, each after the one before has committed.
--
-- A first attempt (V2026_12_22_10 on branch f16-touchfold, reverted) folded in a deferred trigger on each position
-- row: once per tenant per batch, and a journeys batch carries hundreds of small tenants, each fold two statements
-- planned generically for "a tenant" (plan_cache_mode force_generic_plan), the deal fold 49.8 ms a call. This fold is
-- one pair of statements a batch, driven by the due rows of the batch's tenants (the index below), each due card's
-- row found by its primary key.
--
-- Two folds never wait for each other's cards: the fold takes the due cards' rows SKIP LOCKED. A row it cannot have
-- now is held by another batch of the tenant still applying (a card's own event, or an uncommitted creation: then the
-- row is not even visible). That batch has not written the tenant's position row yet (only one transaction holds it,
-- this one), so it writes it after this batch commits, and its own fold, which runs then, sees the due rows this
-- batch left (committed with it) and folds them under its own row lock: every fold takes every due row of its
-- tenants whose card it can hold. Waiting for the card instead, while holding the position row, would deadlock (the
-- holder writes the position row last). Two folds of one card in turn are harmless anyway: the last touch only grows
-- (greatest), the first touch only moves earlier (least), and a due row is deleted by the holder of its card only.
-- The table is logged, so a due row left for another batch survives a crash. A due row of a card that never comes (a
-- touch of a card the read model does not have) stays until the card is created; the creation starts its last touch
-- from card_touch anyway.
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

-- the first touch of a kept card is now the fold's (below), from the due rows, under the card's row
drop trigger if exists card_touch_baseline_inserted on card_touch;

-- Each statement starts from the due rows of the given tenants and reaches every other row by its key or its place,
-- so its cost grows with the due rows, whatever the generic plan (plan_cache_mode force_generic_plan, EventApplier)
-- expects of a CTE (one row): the cards by their primary key in a lateral lookup, the due rows deleted by their ctid
-- (a TID scan; a join of the due rows with the held cards was planned as a nested loop over both, 0.1 M comparisons
-- for 320 due rows on a scratch database), the dismissed base's first touch from each held card's own touch times.
-- Leads, then deals; a card type without due rows runs no statement, so the cards' statement triggers (the history,
-- open_card, the dismissed base, the won rollups: they cost more than the fold's own plan) do not run over nothing.
-- A due row is only ever deleted by the holder of its card's row, so its ctid cannot have been reused meanwhile.
create or replace function card_touches_fold(p_gen int, p_tenants text[]) returns void language plpgsql as $$
begin
    if exists (select 1 from card_touch_due d
               where d.gen = p_gen and d.tenant_id = any(p_tenants) and d.card_type = 'LEAD') then
        with held as materialized (
            select d.tenant_id, d.card_id, d.last, d.rows, d.times, c.last_touched_at
            from (select d.tenant_id, d.card_id, max(d.touched_at) as last, array_agg(d.ctid) as rows,
                         array_agg(d.touched_at) as times
                  from card_touch_due d
                  where d.gen = p_gen and d.tenant_id = any(p_tenants) and d.card_type = 'LEAD'
                  group by d.tenant_id, d.card_id) d
                 cross join lateral (select c.last_touched_at from lead_fact c
                                     where c.gen = p_gen and c.tenant_id = d.tenant_id and c.lead_id = d.card_id
                                     for no key update skip locked) c
        ), card as (
            update lead_fact c set last_touched_at = h.last
            from held h
            where c.gen = p_gen and c.tenant_id = h.tenant_id and c.lead_id = h.card_id
              and (h.last_touched_at is null or h.last_touched_at < h.last)
        ), gone as (
            delete from card_touch_due d where d.ctid = any(array(select unnest(h.rows) from held h))
        ), first as (
            select h.tenant_id, h.card_id, (select min(t) from unnest(h.times) t where t >= k.arrived_at) as first
            from held h
                 join dismissed_baseline_card k
                   on k.gen = p_gen and k.tenant_id = h.tenant_id and k.card_type = 'LEAD' and k.card_id = h.card_id
        )
        update dismissed_baseline_card b set first_touched_at = f.first
        from first f
        where b.gen = p_gen and b.tenant_id = f.tenant_id and b.card_type = 'LEAD' and b.card_id = f.card_id
          and f.first is not null and (b.first_touched_at is null or f.first < b.first_touched_at);
    end if;

    if exists (select 1 from card_touch_due d
               where d.gen = p_gen and d.tenant_id = any(p_tenants) and d.card_type = 'DEAL') then
        with held as materialized (
            select d.tenant_id, d.card_id, d.last, d.rows, d.times, c.last_touched_at
            from (select d.tenant_id, d.card_id, max(d.touched_at) as last, array_agg(d.ctid) as rows,
                         array_agg(d.touched_at) as times
                  from card_touch_due d
                  where d.gen = p_gen and d.tenant_id = any(p_tenants) and d.card_type = 'DEAL'
                  group by d.tenant_id, d.card_id) d
                 cross join lateral (select c.last_touched_at from deal_fact c
                                     where c.gen = p_gen and c.tenant_id = d.tenant_id and c.deal_id = d.card_id
                                     for no key update skip locked) c
        ), card as (
            update deal_fact c set last_touched_at = h.last
            from held h
            where c.gen = p_gen and c.tenant_id = h.tenant_id and c.deal_id = h.card_id
              and (h.last_touched_at is null or h.last_touched_at < h.last)
        ), gone as (
            delete from card_touch_due d where d.ctid = any(array(select unnest(h.rows) from held h))
        ), first as (
            select h.tenant_id, h.card_id, (select min(t) from unnest(h.times) t where t >= k.arrived_at) as first
            from held h
                 join dismissed_baseline_card k
                   on k.gen = p_gen and k.tenant_id = h.tenant_id and k.card_type = 'DEAL' and k.card_id = h.card_id
        )
        update dismissed_baseline_card b set first_touched_at = f.first
        from first f
        where b.gen = p_gen and b.tenant_id = f.tenant_id and b.card_type = 'DEAL' and b.card_id = f.card_id
          and f.first is not null and (b.first_touched_at is null or f.first < b.first_touched_at);
    end if;
end $$;
