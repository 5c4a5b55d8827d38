-- Issue 16, the won deals per hour for the whole tenant: seasonality reads three years of wins per closing hour and
-- plan-forecast its months of history (metric/DealFacts.wonHours), and without an owner, pipeline or source filter
-- they sum won_deal_hour's rows of an hour over its owners, pipelines and sources. At scale 1 most of those rows hold
-- one deal (300 owners, about 450 wins a day): 521 334 rows for three years, read and grouped by (hour, currency) on
-- every answer; seasonality's current month stood at 35.9 x the reference endpoint (target 10 x).
--
-- won_tenant_hour holds won_deal_hour summed per (generation, tenant, closing hour, currency): a row per hour and
-- currency with wins, whatever the tenant's size (25 011 rows for scale 0.1's big tenant against won_deal_hour's
-- 51 371). It is kept from won_deal_hour itself: statement-level triggers add what each statement on won_deal_hour
-- changed (rows inserted, deleted, or updated in place: new minus old), so every way won_deal_hour is written (the
-- fold at the commit, V2026_12_19_20; the immediate subtraction of a deleted deal) keeps this table in step, in the
-- same transaction, and a row is always the sum of won_deal_hour's rows of its key. As there, a row that falls to no
-- deals goes. A generation moved (a tenant's rebuild: ReadModelTables moves this table's rows after won_deal_hour's)
-- and a generation cleared (salespulse.cleared_generation) change nothing here.
--
-- The fold takes these rows after won_deal_hour's, in key order, in every transaction: one order, no cycle. Two
-- transactions of a tenant folding wins of one hour already waited for each other on won_line_hour's lock of that hour
-- (the fold's first step), so the shared row of the hour adds no wait where the wins have lines.
-- RollupTest proves the rows equal won_deal_hour grouped and the facts grouped, through every change of a win.
create table won_tenant_hour (
    gen         int         not null,
    tenant_id   text        not null,
    closed_hour timestamptz not null,
    currency    char(3)     not null,
    deals       bigint      not null,
    amount      numeric     not null,
    primary key (gen, tenant_id, closed_hour, currency)
);

-- adds deltas (deals, amount) to the rows of their keys, in key order; a row that falls to no deals goes
create function won_tenant_hour_add(gens int[], tenants text[], hours timestamptz[], currencies text[], deals bigint[],
                                    amounts numeric[]) returns void language sql as $$
    insert into won_tenant_hour as r (gen, tenant_id, closed_hour, currency, deals, amount)
    select gen, tenant_id, closed_hour, currency, sum(deals), sum(amount)
    from unnest(gens, tenants, hours, currencies, deals, amounts) d(gen, tenant_id, closed_hour, currency, deals, amount)
    group by 1, 2, 3, 4
    having sum(deals) <> 0 or sum(amount) <> 0
    order by 1, 2, 3, 4
    on conflict (gen, tenant_id, closed_hour, currency) do update
        set deals = r.deals + excluded.deals, amount = r.amount + excluded.amount;
    -- only the rows of these keys can have fallen to zero
    delete from won_tenant_hour r
    using (select distinct * from unnest(gens, tenants, hours, currencies) z(gen, tenant_id, closed_hour, currency)) z
    where r.gen = z.gen and r.tenant_id = z.tenant_id and r.closed_hour = z.closed_hour
      and r.currency = cast(z.currency as char(3)) and r.deals = 0;
$$;

-- won_deal_hour: what a statement inserted (+), deleted (-) or updated in place (new - old)
create function won_tenant_hour_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
    g int[];
    t text[];
    h timestamptz[];
    c text[];
    d bigint[];
    a numeric[];
begin
    if tg_op = 'INSERT' then
        select array_agg(gen), array_agg(tenant_id), array_agg(closed_hour), array_agg(currency::text),
               array_agg(deals), array_agg(amount)
        into g, t, h, c, d, a
        from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(gen), array_agg(tenant_id), array_agg(closed_hour), array_agg(currency::text),
               array_agg(-deals), array_agg(-amount)
        into g, t, h, c, d, a
        from old_rows where gen is distinct from cleared;
    else
        -- in place only: a row whose generation moved (ReadModelTables.moveTenant) finds no old row of its key
        select array_agg(n.gen), array_agg(n.tenant_id), array_agg(n.closed_hour), array_agg(n.currency::text),
               array_agg(n.deals - o.deals), array_agg(n.amount - o.amount)
        into g, t, h, c, d, a
        from new_rows n
        join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.closed_hour = n.closed_hour
            and o.manager_id = n.manager_id and o.pipeline_id = n.pipeline_id and o.source = n.source
            and o.currency = n.currency;
    end if;
    if g is not null then
        perform won_tenant_hour_add(g, t, h, c, d, a);
    end if;
    return null;
end $$;

create trigger won_tenant_hour_inserted after insert on won_deal_hour
    referencing new table as new_rows for each statement execute function won_tenant_hour_changed();
create trigger won_tenant_hour_updated after update on won_deal_hour
    referencing old table as old_rows new table as new_rows for each statement
    execute function won_tenant_hour_changed();
create trigger won_tenant_hour_deleted after delete on won_deal_hour
    referencing old table as old_rows for each statement execute function won_tenant_hour_changed();

-- the won deals rolled up before this migration
insert into won_tenant_hour
select gen, tenant_id, closed_hour, currency, sum(deals), sum(amount) from won_deal_hour
group by 1, 2, 3, 4
having sum(deals) <> 0;
