-- Issue 16, the rebuild: clearing a generation (ReadModelTables.clear, a rebuild's new generation before it starts
-- and the old one after the swap) ran won_deal_hour_changed's DELETE branch over all the generation's deals, whose
-- joins of the statement's old rows (a transition table: no index, no statistics) against won_deal_hour made
-- `delete from deal_fact where gen = $1` the rebuild's dearest statement (4.7 s for the 3 156 deals of the scale
-- benchmark at scale 0.002, 29 % of the rebuild's statement time), only to subtract from rows the same clear deletes
-- next. The clear now names the generation it empties in a
-- transaction-local setting (salespulse.cleared_generation), and a delete whose rows all belong to that generation
-- skips the rollup's bookkeeping. Every other delete, insert and update is kept as V2026_12_13_30 wrote it.
create or replace function won_deal_hour_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
begin
    -- a whole generation cleared (ReadModelTables.clear): its won_deal_hour rows are deleted with it, so there is
    -- nothing to subtract; only when every deleted row is of that generation (nested: old_rows exists on delete only)
    if tg_op = 'DELETE' and cleared is not null then
        if not exists (select 1 from old_rows o where o.gen <> cleared) then
            return null;
        end if;
    end if;
    if tg_op = 'INSERT' then
        insert into won_deal_hour as r (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency, deals,
                                        amount)
        select n.gen, n.tenant_id, date_trunc('hour', n.closed_at at time zone 'UTC') at time zone 'UTC',
               n.manager_id, n.pipeline_id, coalesce(n.source, ''), n.currency, count(*), sum(n.amount)
        from new_rows n where n.status = 'WON' and n.closed_at is not null
        group by 1, 2, 3, 4, 5, 6, 7
        on conflict (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency) do update
            set deals = r.deals + excluded.deals, amount = r.amount + excluded.amount;
        return null;
    end if;
    if tg_op = 'DELETE' then
        -- only rows that exist: a generation cleared in any table order never leaves a negative row behind
        update won_deal_hour r set deals = r.deals - o.deals, amount = r.amount - o.amount
        from (select o.gen, o.tenant_id, date_trunc('hour', o.closed_at at time zone 'UTC') at time zone 'UTC' as h,
                     o.manager_id, o.pipeline_id, coalesce(o.source, '') as source, o.currency, count(*) as deals,
                     sum(o.amount) as amount
              from old_rows o where o.status = 'WON' and o.closed_at is not null
              group by 1, 2, 3, 4, 5, 6, 7) o
        where r.gen = o.gen and r.tenant_id = o.tenant_id and r.closed_hour = o.h and r.manager_id = o.manager_id
          and r.pipeline_id = o.pipeline_id and r.source = o.source and r.currency = o.currency;
    else
        insert into won_deal_hour as r (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency, deals,
                                        amount)
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
        having sum(deals) <> 0 or sum(amount) <> 0
        on conflict (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency) do update
            set deals = r.deals + excluded.deals, amount = r.amount + excluded.amount;
    end if;
    -- only an old row's count can fall to zero: those rows go
    delete from won_deal_hour r using old_rows o
    where o.status = 'WON' and o.closed_at is not null and r.deals = 0 and r.gen = o.gen
      and r.tenant_id = o.tenant_id
      and r.closed_hour = date_trunc('hour', o.closed_at at time zone 'UTC') at time zone 'UTC'
      and r.manager_id = o.manager_id and r.pipeline_id = o.pipeline_id and r.source = coalesce(o.source, '')
      and r.currency = o.currency;
    return null;
end $$;
