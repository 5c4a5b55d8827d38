-- Issue 16, average-check's categories: a won deal's check in a category is the sum of its lines of that category, and
-- the metric reports per category the count, the sum and the median of those checks. It read every won deal of the
-- period from deal_fact (scattered through its heap: 4 182 blocks for the 21 349 deals of 12 months at scale 0.1),
-- hashed them against every product line of the tenant in deal_line_fact (287 430 rows, a sequential scan), and sorted
-- the join to sum it per deal and category: 190 ms at rest at scale 0.1, the dearest statement of the metrics phase at
-- scale 1 (8.7 s a call under load).
--
-- won_deal_category holds those sums, kept in the order of the closing: one row per (generation, tenant, won deal,
-- category) with the deal's closing, owner, pipeline, source and currency and the category's amount in the deal's
-- currency (converted when read, at the rate of the closing day, as won_deal_hour). A period is one range of its key,
-- the request's filters are its own columns (the team by team_at at the closing), nothing joined: 77 ms for the same
-- figures at rest at scale 0.1.
--
-- Kept by the recompute that keeps won_line_hour (V2026_12_18_32, V2026_12_19_20): every statement on deal_fact or
-- deal_line_fact that changes a won deal (its win, reopening, closing, owner, pipeline, source, currency, lines; an
-- insert or delete of it) notes the hours of its old and new closing, and the transaction, when it commits, recomputes
-- those hours from the facts under the hours' locks: won_line_hour's rows and now this table's. A row is exactly the
-- GROUP BY of the facts (won_deal_category_from_facts) for every hour it lies in, so a repeated event, a replay or two
-- batches winning in one hour side by side give the same rows; a gen move writes nothing (ReadModelTables moves this
-- table's rows) and a cleared generation skips the bookkeeping, as for won_line_hour. WonLineHourTest proves the rows
-- equal the facts.
create table won_deal_category (
    gen         int         not null,
    tenant_id   text        not null,
    closed_at   timestamptz not null,
    deal_id     uuid        not null,
    category    text        not null,
    manager_id  uuid        not null,
    pipeline_id uuid        not null,
    source      text,
    currency    char(3)     not null,
    amount      numeric     not null,   -- the deal's lines of the category, in currency
    primary key (gen, tenant_id, closed_at, deal_id, category)
);

-- The rows won_deal_category should hold for these (generation, tenant, hour)s, from deal_fact and deal_line_fact:
-- each hour's won deals by the index on the closing, each deal's lines by its key, as won_line_hour_from_facts.
create function won_deal_category_from_facts(gens int[], tenants text[], hours timestamptz[])
    returns setof won_deal_category language sql stable as $$
    with h as (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour))
    select d.gen, d.tenant_id, d.closed_at, d.deal_id, l.category, d.manager_id, d.pipeline_id, d.source, d.currency,
           sum(l.amount)
    from h cross join lateral (select d.* from deal_fact d
                               where d.gen = h.gen and d.tenant_id = h.tenant_id and d.status = 'WON'
                                 and d.closed_at >= h.closed_hour
                                 and d.closed_at < h.closed_hour + interval '1 hour'
                               offset 0) d
    cross join lateral (select l.* from deal_line_fact l
                        where l.gen = d.gen and l.tenant_id = d.tenant_id and l.deal_id = d.deal_id offset 0) l
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9
$$;

-- The fold's recompute of the noted hours (V2026_12_19_20), under the same locks: won_line_hour's rows, then this
-- table's. The hours are whole UTC hours, so an hour's rows are the range [hour, hour + 1 h) of the closing.
create or replace function won_line_hour_redo_now(gens int[], tenants text[], hours timestamptz[]) returns void
    language sql as $$
    select count(pg_advisory_xact_lock(k))
    from (select distinct hashtext('won_line_hour:' || gen || ':' || tenant_id || ':' || extract(epoch from closed_hour)) as k
          from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour) order by 1) keys;
    delete from won_line_hour r
    using (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)) h
    where r.gen = h.gen and r.tenant_id = h.tenant_id and r.closed_hour = h.closed_hour;
    insert into won_line_hour select * from won_line_hour_from_facts(gens, tenants, hours);
    delete from won_deal_category r
    using (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)) h
    where r.gen = h.gen and r.tenant_id = h.tenant_id
      and r.closed_at >= h.closed_hour and r.closed_at < h.closed_hour + interval '1 hour';
    insert into won_deal_category select * from won_deal_category_from_facts(gens, tenants, hours);
$$;

-- the deals won before this migration
insert into won_deal_category
select d.gen, d.tenant_id, d.closed_at, d.deal_id, l.category, d.manager_id, d.pipeline_id, d.source, d.currency,
       sum(l.amount)
from deal_fact d
join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id and l.deal_id = d.deal_id
where d.status = 'WON' and d.closed_at is not null
group by 1, 2, 3, 4, 5, 6, 7, 8, 9;
