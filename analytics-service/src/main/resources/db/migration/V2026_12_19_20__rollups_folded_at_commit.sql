-- Issue 16, the apply's lock waits: the rollups whose rows every card of a tenant shares (card_stay_hour, lead_hour,
-- won_deal_hour: a row per tenant, stage or source and hour; won_line_hour: an hour's rows, recomputed under a lock of
-- the hour) were written in the statement that changed the facts, so each batch held their rows (or the hour's lock)
-- from its first such statement until it committed, and a second batch of the tenant, applied side by side on another
-- connection (TenantLocks), waited the rest of the first's transaction for them: 0.51 of the 3.13 busy connections in
-- the scale run waited on a transaction id in the card-stay moves statement, 0.18 on won_line_hour's hour locks.
--
-- Now the statements note their rows' deltas (or, for won_line_hour, the hours to recompute) in a table of pending
-- rows, and the transaction folds them into the rollups when it commits: a deferred constraint trigger, fired once per
-- transaction that noted anything, sums the transaction's pending rows per key, adds them to the rollup in key order
-- (each rollup in turn, always the same order, so two folds never deadlock) and deletes them. A rollup's rows are
-- then held only from the fold to the commit, and another batch of the tenant waits at most that long.
--
-- The same guarantees as before: the fold runs in the transaction that changed the facts, so the rollup changes if
-- and only if the facts do (a repeated event writes no fact, so notes nothing; a batch replayed after a crash was
-- never committed, its notes with it). The pending rows are unlogged (they never outlive their transaction: a crash
-- aborts it) and each carries its transaction's id, so a fold reads its own rows by key, never the others' (which it
-- could not see anyway). Reads of the rollups are unchanged: same tables, same rows once committed.
--
-- What stays immediate: the subtractions of a delete (ReadModelTables' clear and a tenant's move, which hold the tenant
-- alone, so nothing waits on them), so a move that deletes a generation's facts and then replaces its rollup rows
-- never has a subtraction land on the rows moved in. Nothing in one transaction inserts a fact and deletes it again.
create unlogged table card_stay_hour_pending (
    xid       xid8    not null default pg_current_xact_id(),
    gen       int     not null,
    tenant_id text    not null,
    card_type text    not null,
    stage     text    not null,
    hours     int     not null,
    stays     bigint  not null,
    seconds   numeric not null
);
create index card_stay_hour_pending_xid on card_stay_hour_pending (xid);

create unlogged table lead_hour_pending (
    xid          xid8        not null default pg_current_xact_id(),
    gen          int         not null,
    tenant_id    text        not null,
    manager_id   uuid        not null,
    created_hour timestamptz not null,
    source       text        not null,
    leads        bigint      not null
);
create index lead_hour_pending_xid on lead_hour_pending (xid);

create unlogged table won_deal_hour_pending (
    xid         xid8        not null default pg_current_xact_id(),
    gen         int         not null,
    tenant_id   text        not null,
    closed_hour timestamptz not null,
    manager_id  uuid        not null,
    pipeline_id uuid        not null,
    source      text        not null,
    currency    char(3)     not null,
    deals       bigint      not null,
    amount      numeric     not null
);
create index won_deal_hour_pending_xid on won_deal_hour_pending (xid);

create unlogged table won_line_hour_pending (
    xid         xid8        not null default pg_current_xact_id(),
    gen         int         not null,
    tenant_id   text        not null,
    closed_hour timestamptz not null
);
create index won_line_hour_pending_xid on won_line_hour_pending (xid);

-- one row per transaction that noted pending rows: its insert schedules the fold at the commit
create unlogged table rollup_fold_due (
    xid xid8 primary key
);

-- A statement noted pending rows: the first time in the transaction, schedule the fold (a transaction-local setting
-- remembers it, so later statements cost one lookup).
create function rollups_fold_due() returns trigger language plpgsql as $$
begin
    if current_setting('salespulse.rollups_fold_due', true) is distinct from 'yes' then
        perform set_config('salespulse.rollups_fold_due', 'yes', true);
        insert into rollup_fold_due values (pg_current_xact_id()) on conflict do nothing;
    end if;
    return null;
end $$;

create trigger card_stay_hour_pending_noted after insert on card_stay_hour_pending
    for each statement execute function rollups_fold_due();
create trigger lead_hour_pending_noted after insert on lead_hour_pending
    for each statement execute function rollups_fold_due();
create trigger won_deal_hour_pending_noted after insert on won_deal_hour_pending
    for each statement execute function rollups_fold_due();
create trigger won_line_hour_pending_noted after insert on won_line_hour_pending
    for each statement execute function rollups_fold_due();

-- won_line_hour's recompute of the hours, under the hours' locks (V2026_12_18_33's body, renamed: the fold calls it)
create function won_line_hour_redo_now(gens int[], tenants text[], hours timestamptz[]) returns void
    language sql as $$
    select count(pg_advisory_xact_lock(k))
    from (select distinct hashtext('won_line_hour:' || gen || ':' || tenant_id || ':' || extract(epoch from closed_hour)) as k
          from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour) order by 1) keys;
    delete from won_line_hour r
    using (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)) h
    where r.gen = h.gen and r.tenant_id = h.tenant_id and r.closed_hour = h.closed_hour;
    insert into won_line_hour select * from won_line_hour_from_facts(gens, tenants, hours);
$$;

-- What won_line_hour's triggers call (V2026_12_18_32): the hours are now noted, and recomputed at the commit
create or replace function won_line_hour_redo(gens int[], tenants text[], hours timestamptz[]) returns void
    language sql as $$
    insert into won_line_hour_pending (gen, tenant_id, closed_hour)
    select distinct * from unnest(gens, tenants, hours);
$$;

-- The fold, at the commit of a transaction that noted pending rows: each rollup in turn (always in this order), its
-- keys in order.
create function rollups_fold() returns trigger language plpgsql as $$
declare
    g int[];
    t text[];
    m uuid[];
    p uuid[];
    h timestamptz[];
    s text[];
    c text[];
begin
    -- won_line_hour's hours first: their recompute is the fold's longest step, and a row locked by an earlier step
    -- would be held through it
    with pending as (delete from won_line_hour_pending where xid = pg_current_xact_id() returning *)
    select array_agg(gen), array_agg(tenant_id), array_agg(closed_hour) into g, t, h from pending;
    if g is not null then
        perform won_line_hour_redo_now(g, t, h);
    end if;

    with pending as (delete from card_stay_hour_pending where xid = pg_current_xact_id() returning *)
    insert into card_stay_hour as r (gen, tenant_id, card_type, stage, hours, stays, seconds)
    select gen, tenant_id, card_type, stage, hours, sum(stays), sum(seconds) from pending
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    on conflict (gen, tenant_id, card_type, stage, hours) do update
        set stays = r.stays + excluded.stays, seconds = r.seconds + excluded.seconds;

    with pending as (delete from lead_hour_pending where xid = pg_current_xact_id() returning *),
    added as (
        insert into lead_hour as r (gen, tenant_id, manager_id, created_hour, source, leads)
        select gen, tenant_id, manager_id, created_hour, source, sum(leads) from pending
        group by 1, 2, 3, 4, 5
        having sum(leads) <> 0
        order by 1, 2, 3, 4, 5
        on conflict (gen, tenant_id, manager_id, created_hour, source) do update set leads = r.leads + excluded.leads
        returning r.*)
    select array_agg(gen), array_agg(tenant_id), array_agg(manager_id), array_agg(created_hour), array_agg(source)
    into g, t, m, h, s
    from added where leads = 0;
    -- only the rows just subtracted can fall to zero: those go
    if g is not null then
        delete from lead_hour r using unnest(g, t, m, h, s) z(gen, tenant_id, manager_id, created_hour, source)
        where r.gen = z.gen and r.tenant_id = z.tenant_id and r.manager_id = z.manager_id
          and r.created_hour = z.created_hour and r.source = z.source and r.leads = 0;
    end if;

    with pending as (delete from won_deal_hour_pending where xid = pg_current_xact_id() returning *),
    added as (
        insert into won_deal_hour as r (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency, deals,
                                        amount)
        select gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency, sum(deals), sum(amount)
        from pending
        group by 1, 2, 3, 4, 5, 6, 7
        having sum(deals) <> 0 or sum(amount) <> 0
        order by 1, 2, 3, 4, 5, 6, 7
        on conflict (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency) do update
            set deals = r.deals + excluded.deals, amount = r.amount + excluded.amount
        returning r.*)
    select array_agg(gen), array_agg(tenant_id), array_agg(closed_hour), array_agg(manager_id), array_agg(pipeline_id),
           array_agg(source), array_agg(currency::text)
    into g, t, h, m, p, s, c
    from added where deals = 0;
    if g is not null then
        delete from won_deal_hour r
        using unnest(g, t, h, m, p, s, c) z(gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency)
        where r.gen = z.gen and r.tenant_id = z.tenant_id and r.closed_hour = z.closed_hour
          and r.manager_id = z.manager_id and r.pipeline_id = z.pipeline_id and r.source = z.source
          and r.currency = z.currency and r.deals = 0;
    end if;

    delete from rollup_fold_due where xid = pg_current_xact_id();
    return null;
end $$;

create constraint trigger rollups_folded_at_commit after insert on rollup_fold_due
    deferrable initially deferred for each row execute function rollups_fold();

-- lead_hour: a creation (or a move, never done today) noted, a delete subtracted at once (as V2026_12_18_30)
create or replace function lead_hour_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
begin
    if tg_op = 'INSERT' then
        insert into lead_hour_pending (gen, tenant_id, manager_id, created_hour, source, leads)
        select n.gen, n.tenant_id, m.manager_id, date_trunc('hour', n.created_at at time zone 'UTC') at time zone 'UTC',
               n.source, count(*)
        from new_rows n
             cross join lateral (values ('00000000-0000-0000-0000-000000000000'::uuid), (n.manager_id)) m(manager_id)
        where m.manager_id is not null
        group by 1, 2, 3, 4, 5;
        return null;
    end if;
    -- a delete: nothing to subtract when a whole generation is cleared (its rows are deleted with it)
    if cleared is not null and not exists (select 1 from old_rows o where o.gen <> cleared) then
        return null;
    end if;
    update lead_hour r set leads = r.leads - o.leads
    from (select o.gen, o.tenant_id, m.manager_id,
                 date_trunc('hour', o.created_at at time zone 'UTC') at time zone 'UTC' as created_hour, o.source,
                 count(*) as leads
          from old_rows o
               cross join lateral (values ('00000000-0000-0000-0000-000000000000'::uuid), (o.manager_id)) m(manager_id)
          where m.manager_id is not null
          group by 1, 2, 3, 4, 5) o
    where r.gen = o.gen and r.tenant_id = o.tenant_id and r.manager_id = o.manager_id
      and r.created_hour = o.created_hour and r.source = o.source;
    delete from lead_hour r using old_rows o
    where r.leads = 0 and r.gen = o.gen and r.tenant_id = o.tenant_id and r.manager_id in
          ('00000000-0000-0000-0000-000000000000'::uuid, o.manager_id)
      and r.created_hour = date_trunc('hour', o.created_at at time zone 'UTC') at time zone 'UTC'
      and r.source = o.source;
    return null;
end $$;

create or replace function lead_hour_moved() returns trigger language plpgsql as $$
begin
    insert into lead_hour_pending (gen, tenant_id, manager_id, created_hour, source, leads)
    select x.gen, x.tenant_id, m.manager_id, date_trunc('hour', x.created_at at time zone 'UTC') at time zone 'UTC',
           x.source, x.leads
    from (values (old.gen, old.tenant_id, old.manager_id, old.created_at, old.source, -1),
                 (new.gen, new.tenant_id, new.manager_id, new.created_at, new.source, 1))
         x(gen, tenant_id, manager_id, created_at, source, leads)
         cross join lateral (values ('00000000-0000-0000-0000-000000000000'::uuid), (x.manager_id)) m(manager_id)
    where m.manager_id is not null;
    return null;
end $$;

-- won_deal_hour: a win, a reopening, a change of a won deal noted; a delete subtracted at once (as V2026_12_15_50)
create or replace function won_deal_hour_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
begin
    if tg_op = 'INSERT' then
        insert into won_deal_hour_pending (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency,
                                           deals, amount)
        select n.gen, n.tenant_id, date_trunc('hour', n.closed_at at time zone 'UTC') at time zone 'UTC',
               n.manager_id, n.pipeline_id, coalesce(n.source, ''), n.currency, count(*), sum(n.amount)
        from new_rows n where n.status = 'WON' and n.closed_at is not null
        group by 1, 2, 3, 4, 5, 6, 7;
        return null;
    end if;
    if tg_op = 'UPDATE' then
        insert into won_deal_hour_pending (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency,
                                           deals, amount)
        select gen, tenant_id, h, manager_id, pipeline_id, source, currency, sum(deals), sum(amount)
        from (select n.gen, n.tenant_id, date_trunc('hour', n.closed_at at time zone 'UTC') at time zone 'UTC' as h,
                     n.manager_id, n.pipeline_id, coalesce(n.source, '') as source, n.currency, 1 as deals,
                     n.amount
              from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
              where n.status = 'WON' and n.closed_at is not null
              union all
              select o.gen, o.tenant_id, date_trunc('hour', o.closed_at at time zone 'UTC') at time zone 'UTC',
                     o.manager_id, o.pipeline_id, coalesce(o.source, ''), o.currency, -1, -o.amount
              from old_rows o join new_rows n on n.gen = o.gen and n.tenant_id = o.tenant_id and n.deal_id = o.deal_id
              where o.status = 'WON' and o.closed_at is not null) c
        group by 1, 2, 3, 4, 5, 6, 7
        having sum(deals) <> 0 or sum(amount) <> 0;
        return null;
    end if;
    -- a whole generation cleared (ReadModelTables.clear): its won_deal_hour rows are deleted with it
    if cleared is not null and not exists (select 1 from old_rows o where o.gen <> cleared) then
        return null;
    end if;
    -- only rows that exist: a generation cleared in any table order never leaves a negative row behind
    update won_deal_hour r set deals = r.deals - o.deals, amount = r.amount - o.amount
    from (select o.gen, o.tenant_id, date_trunc('hour', o.closed_at at time zone 'UTC') at time zone 'UTC' as h,
                 o.manager_id, o.pipeline_id, coalesce(o.source, '') as source, o.currency, count(*) as deals,
                 sum(o.amount) as amount
          from old_rows o where o.status = 'WON' and o.closed_at is not null
          group by 1, 2, 3, 4, 5, 6, 7) o
    where r.gen = o.gen and r.tenant_id = o.tenant_id and r.closed_hour = o.h and r.manager_id = o.manager_id
      and r.pipeline_id = o.pipeline_id and r.source = o.source and r.currency = o.currency;
    delete from won_deal_hour r using old_rows o
    where o.status = 'WON' and o.closed_at is not null and r.deals = 0 and r.gen = o.gen
      and r.tenant_id = o.tenant_id
      and r.closed_hour = date_trunc('hour', o.closed_at at time zone 'UTC') at time zone 'UTC'
      and r.manager_id = o.manager_id and r.pipeline_id = o.pipeline_id and r.source = coalesce(o.source, '')
      and r.currency = o.currency;
    return null;
end $$;
