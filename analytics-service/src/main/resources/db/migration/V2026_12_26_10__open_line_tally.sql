-- Issue 16, popular-products' open lines summed ahead: the offered figures (units, open deals per product and per
-- category, the name and category on the newest open deal) read every kept open line of the tenant (open_line,
-- V2026_12_23_30) and sorted them three times: the dearest statement of the metrics phase at scale 0.1 after stop 45
-- (2 513 ms a call under load, 500 ms at rest, for the big tenant's 80 071 open lines).
--
-- open_line_tally holds those lines summed per (generation, tenant, owner, pipeline, product, source, category): the
-- units, the deals counted once per product (product_deals: on the row of the product's first category in the deal)
-- and once per category (category_deals: on the row of the category's first product in the deal) — a deal lies in
-- one (owner, pipeline, source) group, so the sums of either over the groups a request keeps equal count(distinct
-- deal) — and the newest line of the row by the metric's order (opened_at descending, deal, line), whose name and
-- category a product takes. The request's filters are the row's own columns (the team by the owner's team now, as
-- for an open deal), so a request sums at most owners x pipelines x sources x products rows (14 400 at scale 0.1,
-- against 80 071 lines), nothing sorted per line.
--
-- Kept by recomputing, as won_line_hour (V2026_12_18_32, V2026_12_19_20): every statement on open_line notes the
-- (generation, tenant, owner, pipeline, product)s of the rows it inserted, deleted or changed (before and after), and
-- the transaction, when it commits, recomputes those keys' rows from open_line under the keys' advisory locks, so two
-- batches of a tenant changing one key side by side leave its rows as the facts say (the second waits for the first's
-- commit, then reads it). A row is exactly the GROUP BY of the open lines (open_line_tally_from_lines), so a repeated
-- event, a replay or a rebuild make the same rows. A gen move (a tenant's rebuild) notes nothing: ReadModelTables
-- moves this table's rows after open_line's; a generation cleared (salespulse.cleared_generation) skips the notes.
-- OpenLineTest proves the rows equal the GROUP BY over the open lines, and the offered figures the facts'.
create table open_line_tally (
    gen              int         not null,
    tenant_id        text        not null,
    manager_id       uuid        not null,
    pipeline_id      uuid        not null,
    product_id       uuid        not null,
    source           text        not null,   -- '' for a deal without a source
    category         text        not null,
    quantity         numeric     not null,
    product_deals    bigint      not null,
    category_deals   bigint      not null,
    newest_opened_at timestamptz not null,
    newest_deal_id   uuid        not null,
    newest_line_no   int         not null,
    newest_name      text        not null,
    primary key (gen, tenant_id, manager_id, pipeline_id, product_id, source, category)
) with (fillfactor = 70);

-- The recompute finds a key's open lines by this index (a manager's lines of one product in one pipeline); it also
-- serves what open_line_by_manager served (a manager's lines), which the metric no longer reads.
create index open_line_by_key on open_line (gen, tenant_id, manager_id, pipeline_id, product_id);
drop index open_line_by_manager;

-- The rows open_line_tally should hold for these (generation, tenant, owner, pipeline, product)s, from open_line:
-- each key's lines by open_line_by_key; whether a line is its product's first in its deal (by category, then line)
-- from the key's own lines (a deal's lines of a product all lie in one key: a deal has one owner and pipeline), and
-- whether it is its category's first (by product, then line) by a probe of the deal's other lines (open_line's key).
create function open_line_tally_from_lines(gens int[], tenants text[], managers uuid[], pipelines uuid[],
                                           products uuid[])
    returns setof open_line_tally language sql stable as $$
    with k as (select distinct * from unnest(gens, tenants, managers, pipelines, products)
                   k(gen, tenant_id, manager_id, pipeline_id, product_id)),
    line as (
        select o.*,
               row_number() over (partition by o.gen, o.tenant_id, o.deal_id, o.product_id
                                  order by o.category, o.line_no) = 1 as product_first,
               not exists (select 1 from open_line x
                           where x.gen = o.gen and x.tenant_id = o.tenant_id and x.deal_id = o.deal_id
                             and x.category = o.category
                             and (x.product_id, x.line_no) < (o.product_id, o.line_no)) as category_first
        -- offset 0: a key's few lines by the index, never a hash of the tenant's open lines
        from k cross join lateral (select o.* from open_line o
                                   where o.gen = k.gen and o.tenant_id = k.tenant_id and o.manager_id = k.manager_id
                                     and o.pipeline_id = k.pipeline_id and o.product_id = k.product_id
                                   offset 0) o)
    select gen, tenant_id, manager_id, pipeline_id, product_id, coalesce(source, ''), category, sum(quantity),
           count(*) filter (where product_first), count(*) filter (where category_first),
           (array_agg(opened_at order by opened_at desc, deal_id, line_no))[1],
           (array_agg(deal_id order by opened_at desc, deal_id, line_no))[1],
           (array_agg(line_no order by opened_at desc, deal_id, line_no))[1],
           (array_agg(product_name order by opened_at desc, deal_id, line_no))[1]
    from line group by 1, 2, 3, 4, 5, 6, 7
$$;

-- The fold's recompute of the noted keys, under their advisory locks (taken in order; a two-key lock, so never the
-- same lock as won_line_hour's one-key hour locks): the keys' rows as the lines say are written over the kept ones in
-- place (an unchanged row is not written; a changed one is a HOT update: no indexed column changes, and the table
-- leaves room on its pages), and the kept rows the lines no longer make are deleted. Deleting the keys' rows and
-- inserting them anew left the table at three times its live rows' pages between autovacuums (the scale 0.1 run: 3 963
-- pages for 11 025 rows, which the metric's read scanned).
create function open_line_tally_redo_now(gens int[], tenants text[], managers uuid[], pipelines uuid[],
                                         products uuid[]) returns void language sql as $$
    select count(pg_advisory_xact_lock(hashtext('open_line_tally'), k))
    from (select distinct hashtext(gen || ':' || tenant_id || ':' || manager_id || ':' || pipeline_id || ':'
                                   || product_id) as k
          from unnest(gens, tenants, managers, pipelines, products)
               k(gen, tenant_id, manager_id, pipeline_id, product_id)
          order by 1) keys;
    with fresh as materialized (
        select * from open_line_tally_from_lines(gens, tenants, managers, pipelines, products)),
    gone as (
        delete from open_line_tally r
        using (select r.gen, r.tenant_id, r.manager_id, r.pipeline_id, r.product_id, r.source, r.category
               from open_line_tally r
               join (select distinct * from unnest(gens, tenants, managers, pipelines, products)
                         k(gen, tenant_id, manager_id, pipeline_id, product_id)) k
                   on r.gen = k.gen and r.tenant_id = k.tenant_id and r.manager_id = k.manager_id
                  and r.pipeline_id = k.pipeline_id and r.product_id = k.product_id
               except
               select gen, tenant_id, manager_id, pipeline_id, product_id, source, category from fresh) x
        where r.gen = x.gen and r.tenant_id = x.tenant_id and r.manager_id = x.manager_id
          and r.pipeline_id = x.pipeline_id and r.product_id = x.product_id and r.source = x.source
          and r.category = x.category)
    insert into open_line_tally as r
    select * from fresh
    order by gen, tenant_id, manager_id, pipeline_id, product_id, source, category
    on conflict (gen, tenant_id, manager_id, pipeline_id, product_id, source, category) do update
        set quantity = excluded.quantity, product_deals = excluded.product_deals,
            category_deals = excluded.category_deals, newest_opened_at = excluded.newest_opened_at,
            newest_deal_id = excluded.newest_deal_id, newest_line_no = excluded.newest_line_no,
            newest_name = excluded.newest_name
        where (r.quantity, r.product_deals, r.category_deals, r.newest_opened_at, r.newest_deal_id, r.newest_line_no,
               r.newest_name)
              is distinct from (excluded.quantity, excluded.product_deals, excluded.category_deals,
                                excluded.newest_opened_at, excluded.newest_deal_id, excluded.newest_line_no,
                                excluded.newest_name);
$$;

-- The keys noted by the transaction's statements on open_line (unlogged, as the other pending rows: they never
-- outlive their transaction).
create unlogged table open_line_tally_pending (
    xid         xid8 not null default pg_current_xact_id(),
    gen         int  not null,
    tenant_id   text not null,
    manager_id  uuid not null,
    pipeline_id uuid not null,
    product_id  uuid not null
);
create index open_line_tally_pending_xid on open_line_tally_pending (xid);

-- a note schedules the fold at the commit (V2026_12_19_20's rollup_fold_due)
create trigger open_line_tally_pending_noted after insert on open_line_tally_pending
    for each statement execute function rollups_fold_due();

-- open_line: the keys of the rows a statement inserted, deleted or changed (before and after), gen moves aside; a
-- statement that changed no row notes nothing (so schedules no fold)
create function open_line_tally_lines_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
begin
    if tg_op = 'INSERT' then
        if exists (select 1 from new_rows) then
            insert into open_line_tally_pending (gen, tenant_id, manager_id, pipeline_id, product_id)
            select distinct gen, tenant_id, manager_id, pipeline_id, product_id from new_rows;
        end if;
    elsif tg_op = 'DELETE' then
        if exists (select 1 from old_rows o where o.gen is distinct from cleared) then
            insert into open_line_tally_pending (gen, tenant_id, manager_id, pipeline_id, product_id)
            select distinct gen, tenant_id, manager_id, pipeline_id, product_id from old_rows
            where gen is distinct from cleared;
        end if;
    elsif exists (select 1 from new_rows) then
        insert into open_line_tally_pending (gen, tenant_id, manager_id, pipeline_id, product_id)
        select distinct x.gen, x.tenant_id, x.manager_id, x.pipeline_id, x.product_id
        from new_rows n
        join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
            and o.line_no = n.line_no
        cross join lateral (values (n.gen, n.tenant_id, n.manager_id, n.pipeline_id, n.product_id),
                                   (o.gen, o.tenant_id, o.manager_id, o.pipeline_id, o.product_id))
            x(gen, tenant_id, manager_id, pipeline_id, product_id)
        where (n.manager_id, n.pipeline_id, n.source, n.product_id, n.category, n.quantity, n.opened_at,
               n.product_name)
              is distinct from (o.manager_id, o.pipeline_id, o.source, o.product_id, o.category, o.quantity,
                                o.opened_at, o.product_name);
    end if;
    return null;
end $$;

create trigger open_line_tally_inserted after insert on open_line
    referencing new table as new_rows for each statement execute function open_line_tally_lines_changed();
create trigger open_line_tally_updated after update on open_line
    referencing old table as old_rows new table as new_rows for each statement
    execute function open_line_tally_lines_changed();
create trigger open_line_tally_deleted after delete on open_line
    referencing old table as old_rows for each statement execute function open_line_tally_lines_changed();

-- The fold of the noted keys at the commit: a second deferred trigger on rollup_fold_due beside
-- rollups_folded_at_commit (V2026_12_19_20). Triggers of one event fire in the order of their names, so every
-- transaction folds this one first ("rollups_fold_open..." sorts before "rollups_folded..."), then the hourly
-- rollups: the same order in every transaction, so two folds never wait on each other in a cycle.
create function rollups_fold_open_line_tally() returns trigger language plpgsql as $$
declare
    g int[];
    t text[];
    m uuid[];
    p uuid[];
    q uuid[];
begin
    with pending as (delete from open_line_tally_pending where xid = pg_current_xact_id() returning *)
    select array_agg(gen), array_agg(tenant_id), array_agg(manager_id), array_agg(pipeline_id), array_agg(product_id)
    into g, t, m, p, q from pending;
    if g is not null then
        perform open_line_tally_redo_now(g, t, m, p, q);
    end if;
    return null;
end $$;

create constraint trigger rollups_fold_open_line_tally_at_commit after insert on rollup_fold_due
    deferrable initially deferred for each row execute function rollups_fold_open_line_tally();

-- the open lines kept before this migration
insert into open_line_tally
select r.* from (select array_agg(gen) g, array_agg(tenant_id) t, array_agg(manager_id) m, array_agg(pipeline_id) p,
                        array_agg(product_id) q
                 from (select distinct gen, tenant_id, manager_id, pipeline_id, product_id from open_line) k) a
cross join lateral open_line_tally_from_lines(a.g, a.t, a.m, a.p, a.q) r
where a.g is not null;
