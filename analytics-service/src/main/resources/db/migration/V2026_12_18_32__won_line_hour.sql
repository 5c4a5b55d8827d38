-- Issue 16, incremental rollups: the product lines of the won deals summed per UTC hour of the closing, so
-- popular-products' period reads the period's rows of this table instead of joining every product line of the tenant
-- (a hash join over all of deal_line_fact: 1.4 s a call at scale 0.1) to the period's won deals and their rates. One
-- row per (generation, tenant, UTC hour of the closing, owner, pipeline, source, currency, product, category): the
-- units, the amount in the deal's currency (converted when read, at the rate of the closing day, as won_deal_hour,
-- V2026_12_13_30), and the deals counted once per product (product_deals: on the row of the product's first category
-- in the deal) and once per category (category_deals: on the row of the category's first product in the deal), so a
-- period's sums of either equal count(distinct deal) per product and per category. first_* name the line a product's
-- name and category are taken from (the oldest win's last line of it): the row's earliest by the closing, the opening,
-- the deal (descending) and the line (descending); a period takes the earliest of its rows'.
--
-- Kept by recomputing, not by adding: every statement on deal_fact or deal_line_fact that changes a won deal (its
-- win, reopening, owner, amount, lines; an insert or delete of it) recomputes the rows of the hours it touches (old
-- and new closing) from the facts as they stand after the statement, a handful of won deals an hour. So a statement
-- writing a deal and its lines together, a repeated event, a replay give the same rows as a GROUP BY over the facts,
-- and no count can drift. Statements on deals that are not won (stage moves, touches of open deals) write nothing. A
-- row whose gen changes (a tenant's rebuild moving its facts) writes nothing: ReadModelTables moves this table's rows;
-- a generation cleared (salespulse.cleared_generation, V2026_12_15_50) skips the bookkeeping. WonLineHourTest proves
-- the rows equal the GROUP BY over the facts (won_line_hour_from_facts).
create table won_line_hour (
    gen             int         not null,
    tenant_id       text        not null,
    closed_hour     timestamptz not null,   -- the closing truncated to its UTC hour
    manager_id      uuid        not null,
    pipeline_id     uuid        not null,
    source          text        not null,   -- '' for a deal without a source
    currency        char(3)     not null,
    product_id      uuid        not null,
    category        text        not null,
    quantity        numeric     not null,
    amount          numeric     not null,   -- in currency
    product_deals   bigint      not null,
    category_deals  bigint      not null,
    first_closed_at timestamptz not null,
    first_opened_at timestamptz not null,
    first_deal_id   uuid        not null,
    first_line_no   int         not null,
    first_name      text        not null,
    primary key (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency, product_id, category)
);

-- The rows won_line_hour should hold for these (generation, tenant, hour)s, from deal_fact and deal_line_fact.
create function won_line_hour_from_facts(gens int[], tenants text[], hours timestamptz[])
    returns setof won_line_hour language sql stable as $$
    with h as (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)),
    line as (
        select d.gen, d.tenant_id, h.closed_hour, d.manager_id, d.pipeline_id, coalesce(d.source, '') as source,
               d.currency, l.product_id, l.category, l.quantity, l.amount, d.closed_at, d.opened_at, d.deal_id,
               l.line_no, l.product_name,
               row_number() over (partition by d.gen, d.tenant_id, d.deal_id, l.product_id
                                  order by l.category, l.line_no) = 1 as product_first,
               row_number() over (partition by d.gen, d.tenant_id, d.deal_id, l.category
                                  order by l.product_id, l.line_no) = 1 as category_first
        -- each hour's won deals by the index on the closing, each deal's lines by its key (offset 0 keeps the planner
        -- from hashing all of deal_fact and deal_line_fact: a few won deals an hour)
        from h cross join lateral (select d.* from deal_fact d
                                   where d.gen = h.gen and d.tenant_id = h.tenant_id and d.status = 'WON'
                                     and d.closed_at >= h.closed_hour
                                     and d.closed_at < h.closed_hour + interval '1 hour'
                                   offset 0) d
        cross join lateral (select l.* from deal_line_fact l
                            where l.gen = d.gen and l.tenant_id = d.tenant_id and l.deal_id = d.deal_id offset 0) l)
    select gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency, product_id, category,
           sum(quantity), sum(amount), count(*) filter (where product_first), count(*) filter (where category_first),
           (array_agg(closed_at order by closed_at, opened_at, deal_id desc, line_no desc))[1],
           (array_agg(opened_at order by closed_at, opened_at, deal_id desc, line_no desc))[1],
           (array_agg(deal_id order by closed_at, opened_at, deal_id desc, line_no desc))[1],
           (array_agg(line_no order by closed_at, opened_at, deal_id desc, line_no desc))[1],
           (array_agg(product_name order by closed_at, opened_at, deal_id desc, line_no desc))[1]
    from line group by 1, 2, 3, 4, 5, 6, 7, 8, 9
$$;

-- Replaces the rows of these (generation, tenant, hour)s by what the facts say now.
create function won_line_hour_redo(gens int[], tenants text[], hours timestamptz[]) returns void language sql as $$
    delete from won_line_hour r
    using (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)) h
    where r.gen = h.gen and r.tenant_id = h.tenant_id and r.closed_hour = h.closed_hour;
    insert into won_line_hour select * from won_line_hour_from_facts(gens, tenants, hours);
$$;

-- deal_fact: the hours of the won deals a statement inserted, deleted or changed (before and after), gen moves aside
create function won_line_hour_deal_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
    g int[];
    t text[];
    h timestamptz[];
begin
    if tg_op = 'INSERT' then
        select array_agg(n.gen), array_agg(n.tenant_id),
               array_agg(date_trunc('hour', n.closed_at at time zone 'UTC') at time zone 'UTC')
        into g, t, h
        from new_rows n where n.status = 'WON' and n.closed_at is not null;
    elsif tg_op = 'DELETE' then
        if cleared is not null and not exists (select 1 from old_rows o where o.gen <> cleared) then
            return null;
        end if;
        select array_agg(o.gen), array_agg(o.tenant_id),
               array_agg(date_trunc('hour', o.closed_at at time zone 'UTC') at time zone 'UTC')
        into g, t, h
        from old_rows o where o.status = 'WON' and o.closed_at is not null;
    else
        if not exists (select 1 from new_rows n where n.status = 'WON')
           and not exists (select 1 from old_rows o where o.status = 'WON') then
            return null;
        end if;
        select array_agg(c.gen), array_agg(c.tenant_id), array_agg(c.h)
        into g, t, h
        from (select n.gen, n.tenant_id, date_trunc('hour', x.closed_at at time zone 'UTC') at time zone 'UTC' as h
              from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
              cross join lateral (values (n.status, n.closed_at), (o.status, o.closed_at)) x(status, closed_at)
              where (n.status = 'WON' or o.status = 'WON') and x.status = 'WON' and x.closed_at is not null
                and (n.status, n.closed_at, n.opened_at, n.manager_id, n.pipeline_id, n.source, n.currency)
                    is distinct from (o.status, o.closed_at, o.opened_at, o.manager_id, o.pipeline_id, o.source,
                                      o.currency)) c;
    end if;
    if g is not null then
        perform won_line_hour_redo(g, t, h);
    end if;
    return null;
end $$;

-- deal_line_fact: the hours of the won deals whose lines a statement changed, gen moves aside
create function won_line_hour_line_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
    g int[];
    t text[];
    h timestamptz[];
begin
    if tg_op = 'INSERT' then
        select array_agg(d.gen), array_agg(d.tenant_id),
               array_agg(date_trunc('hour', d.closed_at at time zone 'UTC') at time zone 'UTC')
        into g, t, h
        from (select distinct n.gen, n.tenant_id, n.deal_id from new_rows n) n
        join deal_fact d on d.gen = n.gen and d.tenant_id = n.tenant_id and d.deal_id = n.deal_id
        where d.status = 'WON' and d.closed_at is not null;
    elsif tg_op = 'DELETE' then
        if cleared is not null and not exists (select 1 from old_rows o where o.gen <> cleared) then
            return null;
        end if;
        select array_agg(d.gen), array_agg(d.tenant_id),
               array_agg(date_trunc('hour', d.closed_at at time zone 'UTC') at time zone 'UTC')
        into g, t, h
        from (select distinct o.gen, o.tenant_id, o.deal_id from old_rows o) o
        join deal_fact d on d.gen = o.gen and d.tenant_id = o.tenant_id and d.deal_id = o.deal_id
        where d.status = 'WON' and d.closed_at is not null;
    else
        select array_agg(d.gen), array_agg(d.tenant_id),
               array_agg(date_trunc('hour', d.closed_at at time zone 'UTC') at time zone 'UTC')
        into g, t, h
        from (select distinct n.gen, n.tenant_id, n.deal_id
              from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id
                  and o.deal_id = n.deal_id and o.line_no = n.line_no) n
        join deal_fact d on d.gen = n.gen and d.tenant_id = n.tenant_id and d.deal_id = n.deal_id
        where d.status = 'WON' and d.closed_at is not null;
    end if;
    if g is not null then
        perform won_line_hour_redo(g, t, h);
    end if;
    return null;
end $$;

create trigger deal_fact_won_line_inserted after insert on deal_fact
    referencing new table as new_rows for each statement execute function won_line_hour_deal_changed();
create trigger deal_fact_won_line_updated after update on deal_fact
    referencing old table as old_rows new table as new_rows for each statement
    execute function won_line_hour_deal_changed();
create trigger deal_fact_won_line_deleted after delete on deal_fact
    referencing old table as old_rows for each statement execute function won_line_hour_deal_changed();
create trigger deal_line_fact_won_line_inserted after insert on deal_line_fact
    referencing new table as new_rows for each statement execute function won_line_hour_line_changed();
create trigger deal_line_fact_won_line_updated after update on deal_line_fact
    referencing old table as old_rows new table as new_rows for each statement
    execute function won_line_hour_line_changed();
create trigger deal_line_fact_won_line_deleted after delete on deal_line_fact
    referencing old table as old_rows for each statement execute function won_line_hour_line_changed();

-- the deals won before this migration
insert into won_line_hour
select r.* from (select array_agg(gen) g, array_agg(tenant_id) t, array_agg(h) h
                 from (select distinct gen, tenant_id,
                              date_trunc('hour', closed_at at time zone 'UTC') at time zone 'UTC' as h
                       from deal_fact where status = 'WON' and closed_at is not null) d) a
cross join lateral won_line_hour_from_facts(a.g, a.t, a.h) r
where a.g is not null;
