-- Issue 16, base-burnout over 12 months: its won side counts each owner's wins (and the late ones) and sums their
-- lines after and before discount in the period and in the three baseline periods before it, 48 months for a 12-month
-- request, read from won_deal_hour (51 k rows at scale 0.1) and won_line_hour (101 k rows): 270-320 ms at rest, 423 ms
-- a call under load, the slowest line of the table (213 x the reference endpoint at scale 1, target 40 x).
--
-- Two monthly rollups per owner, in whole UTC months, so a request reads the whole months inside its windows from them
-- (about a tenth of the hourly rows) and only its edges from the hourly rows (metric/burnout/BurnoutQuery):
-- - won_owner_month: won_deal_hour's deals summed per (generation, tenant, UTC month of the closing, owner);
-- - won_line_owner_month: won_line_hour's line amounts (after and before discount) summed per (generation, tenant,
--   UTC month, owner, currency).
-- UTC months, not the tenant's: the zone is lead-service's setting and can change, and a month in UTC is a whole
-- number of UTC hours, so a reader takes a window's whole UTC months from here and the partial ones at its bounds from
-- the hourly rows, exactly, in any zone whose offset is whole hours (the hourly rollups' own condition). A line in
-- another currency than the base one is converted at the rate of its day, which a month does not tell: a reader takes
-- the base currency's rows from here and the others from won_line_hour.
--
-- Kept in the transaction that changes the hourly rows, by adding what changed (new minus old), as won_tenant_hour
-- (V2026_12_26_20):
-- - won_owner_month by statement-level triggers on won_deal_hour (insert, update in place, delete; a row moved to
--   another generation pairs with no old row and adds nothing; a cleared generation's deletes are skipped);
-- - won_line_owner_month by won_line_hour's recompute of an hour (won_line_hour_redo_now, at the commit): the hours'
--   old rows and their new ones summed per month row and added in one statement, in key order. Not by triggers on
--   won_line_hour: the recompute deletes then inserts, and two statements taking month rows each in their own order
--   could deadlock two folds of a tenant recomputing different hours of one month.
-- Each table is written in one statement per fold step, in key order, and the steps come in one order (won_line_hour's
-- hours, then won_deal_hour's rows), so two folds never wait on each other in a cycle. A tenant's rebuild moves these
-- tables' rows itself (ReadModelTables lists them after the hourly ones). RollupTest and WonLineHourTest prove the
-- rows equal the hourly rows grouped by month.
create table won_owner_month (
    gen        int         not null,
    tenant_id  text        not null,
    month      timestamptz not null,   -- the closing's UTC month, its first moment
    manager_id uuid        not null,
    deals      bigint      not null,
    primary key (gen, tenant_id, month, manager_id)
);

create table won_line_owner_month (
    gen             int         not null,
    tenant_id       text        not null,
    month           timestamptz not null,   -- the closing's UTC month, its first moment
    manager_id      uuid        not null,
    currency        char(3)     not null,
    amount          numeric     not null,   -- in currency
    before_discount numeric     not null,   -- in currency
    primary key (gen, tenant_id, month, manager_id, currency)
);

-- the UTC month of a moment, as its first moment
create function utc_month(t timestamptz) returns timestamptz language sql immutable parallel safe as $$
    select date_trunc('month', t at time zone 'UTC') at time zone 'UTC'
$$;

-- adds deltas of deals to the rows of their keys, in key order; a row that falls to no deals goes
create function won_owner_month_add(gens int[], tenants text[], months timestamptz[], managers uuid[], deals bigint[])
    returns void language sql as $$
    insert into won_owner_month as r (gen, tenant_id, month, manager_id, deals)
    select gen, tenant_id, month, manager_id, sum(deals)
    from unnest(gens, tenants, months, managers, deals) d(gen, tenant_id, month, manager_id, deals)
    group by 1, 2, 3, 4
    having sum(deals) <> 0
    order by 1, 2, 3, 4
    on conflict (gen, tenant_id, month, manager_id) do update set deals = r.deals + excluded.deals;
    delete from won_owner_month r
    using (select distinct * from unnest(gens, tenants, months, managers) z(gen, tenant_id, month, manager_id)) z
    where r.gen = z.gen and r.tenant_id = z.tenant_id and r.month = z.month and r.manager_id = z.manager_id
      and r.deals = 0;
$$;

-- won_deal_hour: what a statement inserted (+), deleted (-) or updated in place (new - old)
create function won_owner_month_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
    g int[];
    t text[];
    m timestamptz[];
    o uuid[];
    d bigint[];
begin
    if tg_op = 'INSERT' then
        select array_agg(gen), array_agg(tenant_id), array_agg(utc_month(closed_hour)), array_agg(manager_id),
               array_agg(deals)
        into g, t, m, o, d
        from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(gen), array_agg(tenant_id), array_agg(utc_month(closed_hour)), array_agg(manager_id),
               array_agg(-deals)
        into g, t, m, o, d
        from old_rows where gen is distinct from cleared;
    else
        -- in place only: a row whose generation moved (ReadModelTables.moveTenant) finds no old row of its key
        select array_agg(n.gen), array_agg(n.tenant_id), array_agg(utc_month(n.closed_hour)), array_agg(n.manager_id),
               array_agg(n.deals - o.deals)
        into g, t, m, o, d
        from new_rows n
        join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.closed_hour = n.closed_hour
            and o.manager_id = n.manager_id and o.pipeline_id = n.pipeline_id and o.source = n.source
            and o.currency = n.currency
        where n.deals <> o.deals;
    end if;
    if g is not null then
        perform won_owner_month_add(g, t, m, o, d);
    end if;
    return null;
end $$;

create trigger won_owner_month_inserted after insert on won_deal_hour
    referencing new table as new_rows for each statement execute function won_owner_month_changed();
create trigger won_owner_month_updated after update on won_deal_hour
    referencing old table as old_rows new table as new_rows for each statement
    execute function won_owner_month_changed();
create trigger won_owner_month_deleted after delete on won_deal_hour
    referencing old table as old_rows for each statement execute function won_owner_month_changed();

-- adds deltas of line amounts to the rows of their keys, in key order; a row that falls to nothing goes
create function won_line_owner_month_add(gens int[], tenants text[], months timestamptz[], managers uuid[],
                                         currencies text[], amounts numeric[], befores numeric[])
    returns void language sql as $$
    insert into won_line_owner_month as r (gen, tenant_id, month, manager_id, currency, amount, before_discount)
    select gen, tenant_id, month, manager_id, currency, sum(amount), sum(before_discount)
    from unnest(gens, tenants, months, managers, currencies, amounts, befores)
        d(gen, tenant_id, month, manager_id, currency, amount, before_discount)
    group by 1, 2, 3, 4, 5
    having sum(amount) <> 0 or sum(before_discount) <> 0
    order by 1, 2, 3, 4, 5
    on conflict (gen, tenant_id, month, manager_id, currency) do update
        set amount = r.amount + excluded.amount, before_discount = r.before_discount + excluded.before_discount;
    delete from won_line_owner_month r
    using (select distinct * from unnest(gens, tenants, months, managers, currencies)
               z(gen, tenant_id, month, manager_id, currency)) z
    where r.gen = z.gen and r.tenant_id = z.tenant_id and r.month = z.month and r.manager_id = z.manager_id
      and r.currency = cast(z.currency as char(3)) and r.amount = 0 and r.before_discount = 0;
$$;

-- The fold's recompute of the noted hours (V2026_12_19_20, V2026_12_25_10), under the same locks: won_line_hour's
-- rows, whose old and new sums per month row go to won_line_owner_month in one statement, then won_deal_category's.
create or replace function won_line_hour_redo_now(gens int[], tenants text[], hours timestamptz[]) returns void
    language plpgsql as $$
declare
    g int[];
    t text[];
    m timestamptz[];
    o uuid[];
    c text[];
    a numeric[];
    b numeric[];
    g2 int[];
    t2 text[];
    m2 timestamptz[];
    o2 uuid[];
    c2 text[];
    a2 numeric[];
    b2 numeric[];
begin
    perform count(pg_advisory_xact_lock(k))
    from (select distinct hashtext('won_line_hour:' || gen || ':' || tenant_id || ':' || extract(epoch from closed_hour)) as k
          from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour) order by 1) keys;
    with old as (
        delete from won_line_hour r
        using (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)) h
        where r.gen = h.gen and r.tenant_id = h.tenant_id and r.closed_hour = h.closed_hour
        returning r.gen, r.tenant_id, r.closed_hour, r.manager_id, r.currency, r.amount, r.before_discount)
    select array_agg(gen), array_agg(tenant_id), array_agg(month), array_agg(manager_id), array_agg(currency),
           array_agg(amount), array_agg(before_discount)
    into g, t, m, o, c, a, b
    from (select gen, tenant_id, utc_month(closed_hour) as month, manager_id, currency::text as currency,
                 -sum(amount) as amount, -sum(before_discount) as before_discount
          from old group by 1, 2, 3, 4, 5) x;
    with new as (
        insert into won_line_hour select * from won_line_hour_from_facts(gens, tenants, hours)
        returning gen, tenant_id, closed_hour, manager_id, currency, amount, before_discount)
    select array_agg(gen), array_agg(tenant_id), array_agg(month), array_agg(manager_id), array_agg(currency),
           array_agg(amount), array_agg(before_discount)
    into g2, t2, m2, o2, c2, a2, b2
    from (select gen, tenant_id, utc_month(closed_hour) as month, manager_id, currency::text as currency,
                 sum(amount) as amount, sum(before_discount) as before_discount
          from new group by 1, 2, 3, 4, 5) x;
    if g is not null or g2 is not null then
        perform won_line_owner_month_add(
            coalesce(g, '{}') || coalesce(g2, '{}'), coalesce(t, '{}') || coalesce(t2, '{}'),
            coalesce(m, '{}') || coalesce(m2, '{}'), coalesce(o, '{}') || coalesce(o2, '{}'),
            coalesce(c, '{}') || coalesce(c2, '{}'), coalesce(a, '{}') || coalesce(a2, '{}'),
            coalesce(b, '{}') || coalesce(b2, '{}'));
    end if;
    delete from won_deal_category r
    using (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)) h
    where r.gen = h.gen and r.tenant_id = h.tenant_id
      and r.closed_at >= h.closed_hour and r.closed_at < h.closed_hour + interval '1 hour';
    insert into won_deal_category select * from won_deal_category_from_facts(gens, tenants, hours);
end $$;

-- A line in another currency than the base one is read by the hour for its day's rate, over the whole 48 months: one
-- range of this index per currency the tenant has rates for, its columns included (a range of the primary key per
-- window read every currency's rows from the heap: 145 ms of the 225 at rest at scale 0.1; 92-99 ms for the whole
-- statement so). The base currency's partial months at the windows' bounds read it too.
create index won_line_hour_by_currency on won_line_hour (gen, tenant_id, currency, closed_hour)
    include (manager_id, amount, before_discount);

-- the wins rolled up before this migration
insert into won_owner_month
select gen, tenant_id, utc_month(closed_hour), manager_id, sum(deals) from won_deal_hour
group by 1, 2, 3, 4
having sum(deals) <> 0;

insert into won_line_owner_month
select gen, tenant_id, utc_month(closed_hour), manager_id, currency, sum(amount), sum(before_discount)
from won_line_hour
group by 1, 2, 3, 4, 5
having sum(amount) <> 0 or sum(before_discount) <> 0;
