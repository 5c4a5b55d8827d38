-- Issue 16, incremental rollups: the won deals summed per hour of their closing, so a metric's period reads a few
-- rows per hour instead of every deal of the period (seasonality over three years, plan-forecast's sales per day over
-- twelve months). One row per (generation, tenant, UTC hour of the closing, owner, pipeline, source, currency): how
-- many deals were won then and their amount in the deal's own currency. Kept in UTC hours, not in the tenant's days:
-- an hour is a whole part of a day in every zone whose offset is whole hours, so the rows serve any zone the tenant
-- has now or later (a zone with a half-hour offset reads the facts, metric/DealFacts.wonHours). The amount is
-- converted when read, at the rate of the closing day (an hour's deals share a day, so the rate of a sum is the sum of
-- the rates' products); a team filter reads the facts, as the team counts at the closing moment (team_at).
--
-- Written by triggers on deal_fact, in the statement (so the transaction) that changes the deal, whichever projection
-- statement that is, set-based per statement (transition tables): a deal counts while its row says WON, under its
-- closing hour, owner, pipeline, source, currency and amount as they stand. A win reopened and lost, a reassignment, a
-- corrected amount, a replayed event: each moves the deal's count from its old row to its new one or changes nothing.
-- A row whose gen changes (a tenant's rebuild moving its rows) writes nothing: ReadModelTables moves this table's rows
-- as it moves the facts. RollupTest proves the rows equal a GROUP BY over deal_fact.
create table won_deal_hour (
    gen         int         not null,
    tenant_id   text        not null,
    closed_hour timestamptz not null,   -- the closing truncated to its UTC hour
    manager_id  uuid        not null,
    pipeline_id uuid        not null,
    source      text        not null,   -- '' for a deal without a source
    currency    char(3)     not null,
    deals       bigint      not null,
    amount      numeric     not null,   -- in currency
    primary key (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency)
);

-- The deals' contributions before (-1) and after (+1) a statement, summed per row of won_deal_hour; a pair of old and
-- new rows counts only when it is the same deal of the same generation (a gen move writes nothing).
create function won_deal_hour_changed() returns trigger language plpgsql as $$
begin
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

create trigger deal_fact_won_inserted after insert on deal_fact
    referencing new table as new_rows for each statement execute function won_deal_hour_changed();
create trigger deal_fact_won_updated after update on deal_fact
    referencing old table as old_rows new table as new_rows for each statement execute function won_deal_hour_changed();
create trigger deal_fact_won_deleted after delete on deal_fact
    referencing old table as old_rows for each statement execute function won_deal_hour_changed();

-- the deals won before this migration
insert into won_deal_hour (gen, tenant_id, closed_hour, manager_id, pipeline_id, source, currency, deals, amount)
select gen, tenant_id, date_trunc('hour', closed_at at time zone 'UTC') at time zone 'UTC', manager_id, pipeline_id,
       coalesce(source, ''), currency, count(*), sum(amount)
from deal_fact where status = 'WON' and closed_at is not null
group by 1, 2, 3, 4, 5, 6, 7;
