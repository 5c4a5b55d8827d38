-- Issue 16, base-burnout's won side: the discount depth (1 - amount / amount before discount, both converted at the
-- rate of the closing day) read every won deal of the period and of its three baseline periods (a 12-month request:
-- 48 months) from deal_fact, looked its rate up and probed deal_line_fact for its lines, a deal at a time (574 ms a
-- call, about 28 700 buffers, at scale 0.1). won_line_hour (V2026_12_18_32) already sums the won lines' amount per
-- closing hour, owner, pipeline, source and currency; it now sums the amount before discount too
-- (quantity * unit_price, in the deal's currency), so the metric reads the period's rows of the rollup instead.
--
-- The rollup stays kept by recomputing an hour from the facts (won_line_hour_from_facts, called at the commit by the
-- fold, V2026_12_19_20): the function now fills the new column, so every later recompute, a replay and a tenant's
-- rebuild (which write the facts and so the rollup) keep it. WonLineHourTest proves the rows equal the facts.
alter table won_line_hour add column before_discount numeric;

create or replace function won_line_hour_from_facts(gens int[], tenants text[], hours timestamptz[])
    returns setof won_line_hour language sql stable as $$
    with h as (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)),
    line as (
        select d.gen, d.tenant_id, h.closed_hour, d.manager_id, d.pipeline_id, coalesce(d.source, '') as source,
               d.currency, l.product_id, l.category, l.quantity, l.amount, l.quantity * l.unit_price as before_discount,
               d.closed_at, d.opened_at, d.deal_id, l.line_no, l.product_name,
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
           (array_agg(product_name order by closed_at, opened_at, deal_id desc, line_no desc))[1],
           sum(before_discount)
    from line group by 1, 2, 3, 4, 5, 6, 7, 8, 9
$$;

-- the rows already kept: each row's lines summed again from the facts (a row is a product and category of one
-- hour's won deals of one owner, pipeline, source and currency)
update won_line_hour r set before_discount = coalesce(x.before_discount, 0)
from (select r.gen, r.tenant_id, r.closed_hour, r.manager_id, r.pipeline_id, r.source, r.currency, r.product_id,
             r.category, sum(l.quantity * l.unit_price) as before_discount
      from won_line_hour r
      join deal_fact d on d.gen = r.gen and d.tenant_id = r.tenant_id and d.status = 'WON'
          and d.closed_at >= r.closed_hour and d.closed_at < r.closed_hour + interval '1 hour'
          and d.manager_id = r.manager_id and d.pipeline_id = r.pipeline_id and coalesce(d.source, '') = r.source
          and d.currency = r.currency
      join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id and l.deal_id = d.deal_id
          and l.product_id = r.product_id and l.category = r.category
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9) x
where r.gen = x.gen and r.tenant_id = x.tenant_id and r.closed_hour = x.closed_hour and r.manager_id = x.manager_id
  and r.pipeline_id = x.pipeline_id and r.source = x.source and r.currency = x.currency
  and r.product_id = x.product_id and r.category = x.category;
update won_line_hour set before_discount = 0 where before_discount is null;
alter table won_line_hour alter column before_discount set not null;
