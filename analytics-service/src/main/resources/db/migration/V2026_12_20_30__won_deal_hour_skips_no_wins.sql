-- Issue 16, PostgreSQL's work an applied event: every update of deal_fact (a stage move, a touch from a task or an
-- activity, a reassignment, a change of terms) ran won_deal_hour's statement trigger through its two joins of the old
-- and new rows and a grouped insert of nothing, although only a row that is or was WON can change the rollup. The
-- update branch now returns after one look at each transition table when neither holds a won deal, as
-- won_line_hour_deal_changed (V2026_12_18_32) already does; everything else is as V2026_12_19_20 left it.
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
        if not exists (select 1 from new_rows n where n.status = 'WON')
           and not exists (select 1 from old_rows o where o.status = 'WON') then
            return null;
        end if;
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
