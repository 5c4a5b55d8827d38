-- Issue 16, incremental rollups: the leads counted per UTC hour of their creation, so seasonality's inflow over three
-- years reads a few rows an hour instead of every lead of the tenant (1.36 s a call at scale 0.1). One row per
-- (generation, tenant, manager, UTC hour of the creation, source): how many leads were created then. Each lead counts
-- twice: once under its manager (the owner at intake, lead_fact.manager_id) for a managerId filter, and once under the
-- nil UUID for "every manager" (the unfiltered and source-filtered reads, a lead without a manager among them), so no
-- read sums every manager's rows. Kept in UTC hours, as won_deal_hour (V2026_12_13_30): an hour is a whole part of a
-- day in every zone whose offset is whole hours; seasonality reads the facts in any other zone.
--
-- Written by triggers on lead_fact, set-based per statement (transition tables). A lead's creation, source and manager
-- are written once, at intake (LeadInflowProjection; a second creation of the same lead changes nothing): an insert
-- adds, a delete subtracts. No projection updates those columns, so the update trigger is a row trigger on them alone
-- (an update that sets them to other values moves the lead; status, owner, touch and gen updates never fire it). A
-- generation cleared (salespulse.cleared_generation, V2026_12_15_50) skips the subtraction: ReadModelTables.clear
-- deletes this table's rows itself, and moves them with a tenant's rebuild. LeadHourTest proves the rows equal a
-- GROUP BY over lead_fact.
create table lead_hour (
    gen          int         not null,
    tenant_id    text        not null,
    manager_id   uuid        not null,   -- the nil UUID: every manager's leads
    created_hour timestamptz not null,   -- the creation truncated to its UTC hour
    source       text        not null,
    leads        bigint      not null,
    -- the count in the key's index: a period's rows are read by an index-only scan (vacuumed history pages)
    primary key (gen, tenant_id, manager_id, created_hour, source) include (leads)
);

create function lead_hour_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
begin
    if tg_op = 'INSERT' then
        insert into lead_hour as r (gen, tenant_id, manager_id, created_hour, source, leads)
        select n.gen, n.tenant_id, m.manager_id, date_trunc('hour', n.created_at at time zone 'UTC') at time zone 'UTC',
               n.source, count(*)
        from new_rows n
             cross join lateral (values ('00000000-0000-0000-0000-000000000000'::uuid), (n.manager_id)) m(manager_id)
        where m.manager_id is not null
        group by 1, 2, 3, 4, 5
        on conflict (gen, tenant_id, manager_id, created_hour, source) do update set leads = r.leads + excluded.leads;
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
    -- only the rows just subtracted can fall to zero: those go
    delete from lead_hour r using old_rows o
    where r.leads = 0 and r.gen = o.gen and r.tenant_id = o.tenant_id and r.manager_id in
          ('00000000-0000-0000-0000-000000000000'::uuid, o.manager_id)
      and r.created_hour = date_trunc('hour', o.created_at at time zone 'UTC') at time zone 'UTC'
      and r.source = o.source;
    return null;
end $$;

-- A lead whose creation, source or manager an update changes (none does today): out of its old rows, into its new.
create function lead_hour_moved() returns trigger language plpgsql as $$
begin
    update lead_hour r set leads = r.leads - 1
    where r.gen = old.gen and r.tenant_id = old.tenant_id
      and r.manager_id in ('00000000-0000-0000-0000-000000000000'::uuid, old.manager_id)
      and r.created_hour = date_trunc('hour', old.created_at at time zone 'UTC') at time zone 'UTC'
      and r.source = old.source;
    delete from lead_hour r
    where r.leads = 0 and r.gen = old.gen and r.tenant_id = old.tenant_id
      and r.created_hour = date_trunc('hour', old.created_at at time zone 'UTC') at time zone 'UTC';
    insert into lead_hour as r (gen, tenant_id, manager_id, created_hour, source, leads)
    select new.gen, new.tenant_id, m.manager_id,
           date_trunc('hour', new.created_at at time zone 'UTC') at time zone 'UTC', new.source, 1
    from (values ('00000000-0000-0000-0000-000000000000'::uuid), (new.manager_id)) m(manager_id)
    where m.manager_id is not null
    on conflict (gen, tenant_id, manager_id, created_hour, source) do update set leads = r.leads + 1;
    return null;
end $$;

create trigger lead_fact_hour_inserted after insert on lead_fact
    referencing new table as new_rows for each statement execute function lead_hour_changed();
create trigger lead_fact_hour_deleted after delete on lead_fact
    referencing old table as old_rows for each statement execute function lead_hour_changed();
create trigger lead_fact_hour_moved after update of created_at, source, manager_id on lead_fact for each row
    when (old.gen = new.gen and (old.created_at, old.source, old.manager_id)
          is distinct from (new.created_at, new.source, new.manager_id))
    execute function lead_hour_moved();

-- the leads created before this migration
insert into lead_hour (gen, tenant_id, manager_id, created_hour, source, leads)
select l.gen, l.tenant_id, m.manager_id, date_trunc('hour', l.created_at at time zone 'UTC') at time zone 'UTC',
       l.source, count(*)
from lead_fact l
     cross join lateral (values ('00000000-0000-0000-0000-000000000000'::uuid), (l.manager_id)) m(manager_id)
where m.manager_id is not null
group by 1, 2, 3, 4, 5;
