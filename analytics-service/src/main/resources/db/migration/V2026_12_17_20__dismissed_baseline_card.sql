-- Issue 16, the dismissed base's baseline (metric 12) without a period scan of the facts: the leads and deals that came
-- in and were never transferred, one row per card with what the baseline's figures count, kept by triggers in the
-- statement that changes a card. At scale 0.1 the baseline read every lead and deal of the period and probed
-- card_touch (its first touch) and transfer_card (never transferred) once a card: 4.2 s a call. The figures now read
-- these rows of the period by (gen, tenant_id, arrived_at): the first touch is already here, the transferred and the
-- archived leads are not.
--
-- Per card, not summed per hour and owner: the touch window is the request's (touchDays=), so a sum would have to
-- keep the first touch's delay as a dimension, and per UTC hour and owner (the coarsest grain that serves every zone,
-- as won_deal_hour) nearly every row would hold one card anyway.
--
-- A card's row (metric/dismissed/DismissedQuery's baseline, as it reads the facts):
--   a lead not archived, or any deal, with no transfer_card row;
--   arrived_at = the lead's creation or the deal's opening; manager_id = its owner now (a lead's owner_id);
--   state = the deal's status, the lead's as OPEN (NEW, IN_WORK, QUALIFIED), LOST (REJECTED) or its own (CONVERTED);
--   first_touched_at = its first card_touch at or after arrived_at.
-- Every statement that can change one of these refreshes the row of each card it touched from the facts (so a
-- repeated event, or the same change from another topic, writes the same row): an insert or update of lead_fact or
-- deal_fact, a touch earlier than the kept first touch, a transfer. A row whose gen changes (a tenant's rebuild moving
-- its rows: old and new rows then differ in gen) refreshes nothing, and the rebuild's clear deletes the generation:
-- ReadModelTables moves and clears this table as it does the facts. BaselineCardTest proves the rows equal the
-- baseline computed from the facts.
create table dismissed_baseline_card (
    gen              int         not null,
    tenant_id        text        not null,
    card_type        text        not null,
    card_id          uuid        not null,
    arrived_at       timestamptz not null,
    manager_id       uuid,
    state            text        not null,
    first_touched_at timestamptz,
    primary key (gen, tenant_id, card_type, card_id)
);
create index dismissed_baseline_card_arrived on dismissed_baseline_card (gen, tenant_id, arrived_at);

-- A lead's state as the baseline counts it (DismissedQuery.LEAD_STATE): open, lost (rejected) or its own (converted).
create function dismissed_baseline_lead_state(p_status text) returns text language sql immutable as $$
select case when p_status = 'REJECTED' then 'LOST' when p_status in ('NEW', 'IN_WORK', 'QUALIFIED') then 'OPEN'
            else p_status end
$$;

-- The cards named by the arrays (one element per card, in step), recomputed from the facts: written, changed or gone.
create function dismissed_baseline_refresh(p_gen int[], p_tenant text[], p_type text[], p_card uuid[])
    returns void language sql as $$
with card as (
    select k.gen, k.tenant_id, k.card_type, k.card_id, coalesce(l.created_at, d.opened_at) as arrived_at,
           case when k.card_type = 'LEAD' then l.owner_id else d.manager_id end as manager_id,
           case when k.card_type = 'DEAL' then d.status else dismissed_baseline_lead_state(l.status) end as state,
           (not l.archived or d.deal_id is not null)
           and not exists (select 1 from transfer_card tc where tc.gen = k.gen and tc.tenant_id = k.tenant_id
                                                           and tc.card_type = k.card_type and tc.card_id = k.card_id)
               as counted
    from (select distinct gen, tenant_id, card_type, card_id
          from unnest(p_gen, p_tenant, p_type, p_card) as u(gen, tenant_id, card_type, card_id)) k
    left join lead_fact l on k.card_type = 'LEAD' and l.gen = k.gen and l.tenant_id = k.tenant_id
                         and l.lead_id = k.card_id
    left join deal_fact d on k.card_type = 'DEAL' and d.gen = k.gen and d.tenant_id = k.tenant_id
                         and d.deal_id = k.card_id
), gone as (
    delete from dismissed_baseline_card b using card c
    where b.gen = c.gen and b.tenant_id = c.tenant_id and b.card_type = c.card_type and b.card_id = c.card_id
      and not coalesce(c.counted, false)
)
insert into dismissed_baseline_card as b (gen, tenant_id, card_type, card_id, arrived_at, manager_id, state,
                                          first_touched_at)
select c.gen, c.tenant_id, c.card_type, c.card_id, c.arrived_at, c.manager_id, c.state,
       (select min(t.touched_at) from card_touch t where t.gen = c.gen and t.tenant_id = c.tenant_id
            and t.card_type = c.card_type and t.card_id = c.card_id and t.touched_at >= c.arrived_at)
from card c where c.counted
on conflict (gen, tenant_id, card_type, card_id) do update
    set arrived_at = excluded.arrived_at, manager_id = excluded.manager_id, state = excluded.state,
        first_touched_at = excluded.first_touched_at
    where (b.arrived_at, b.manager_id, b.state, b.first_touched_at)
          is distinct from (excluded.arrived_at, excluded.manager_id, excluded.state, excluded.first_touched_at)
$$;

-- lead_fact: every lead inserted is refreshed. Of an updated lead (same gen: a gen move changes nothing), a new
-- creation moment or archival refreshes its row; a new owner or state (NEW to IN_WORK is none) is written into the
-- row it has, if any (whether it has one does not change with them): the common status change costs one key lookup.
create function dismissed_baseline_lead_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform dismissed_baseline_refresh(array_agg(n.gen), array_agg(n.tenant_id), array_agg('LEAD'::text),
                                           array_agg(n.lead_id))
        from new_rows n having count(*) > 0;
        return null;
    end if;
    perform dismissed_baseline_refresh(array_agg(n.gen), array_agg(n.tenant_id), array_agg('LEAD'::text),
                                       array_agg(n.lead_id))
    from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.lead_id = n.lead_id
    where (o.created_at, o.archived) is distinct from (n.created_at, n.archived)
    having count(*) > 0;
    update dismissed_baseline_card b set manager_id = n.owner_id, state = dismissed_baseline_lead_state(n.status)
    from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.lead_id = n.lead_id
    where b.gen = n.gen and b.tenant_id = n.tenant_id and b.card_type = 'LEAD' and b.card_id = n.lead_id
      and (o.created_at, o.archived) is not distinct from (n.created_at, n.archived)
      and (o.owner_id, dismissed_baseline_lead_state(o.status))
          is distinct from (n.owner_id, dismissed_baseline_lead_state(n.status));
    return null;
end $$;

-- deal_fact: every deal inserted is refreshed; of an updated deal (same gen), a new opening moment refreshes its row,
-- a new owner or status is written into the row it has, if any
create function dismissed_baseline_deal_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform dismissed_baseline_refresh(array_agg(n.gen), array_agg(n.tenant_id), array_agg('DEAL'::text),
                                           array_agg(n.deal_id))
        from new_rows n having count(*) > 0;
        return null;
    end if;
    perform dismissed_baseline_refresh(array_agg(n.gen), array_agg(n.tenant_id), array_agg('DEAL'::text),
                                       array_agg(n.deal_id))
    from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
    where o.opened_at is distinct from n.opened_at
    having count(*) > 0;
    update dismissed_baseline_card b set manager_id = n.manager_id, state = n.status
    from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
    where b.gen = n.gen and b.tenant_id = n.tenant_id and b.card_type = 'DEAL' and b.card_id = n.deal_id
      and o.opened_at is not distinct from n.opened_at
      and (o.manager_id, o.status) is distinct from (n.manager_id, n.status);
    return null;
end $$;

-- card_touch: a touch at or after a kept card's arrival and before its kept first touch moves the first touch
create function dismissed_baseline_touched() returns trigger language plpgsql as $$
begin
    update dismissed_baseline_card b set first_touched_at = t.first
    from (select n.gen, n.tenant_id, n.card_type, n.card_id, min(n.touched_at) as first
          from new_rows n join dismissed_baseline_card k
               on k.gen = n.gen and k.tenant_id = n.tenant_id and k.card_type = n.card_type and k.card_id = n.card_id
          where n.touched_at >= k.arrived_at
          group by 1, 2, 3, 4) t
    where b.gen = t.gen and b.tenant_id = t.tenant_id and b.card_type = t.card_type and b.card_id = t.card_id
      and (b.first_touched_at is null or t.first < b.first_touched_at);
    return null;
end $$;

-- transfer_card: a transferred card leaves the baseline
create function dismissed_baseline_transferred() returns trigger language plpgsql as $$
begin
    delete from dismissed_baseline_card b using new_rows n
    where b.gen = n.gen and b.tenant_id = n.tenant_id and b.card_type = n.card_type and b.card_id = n.card_id;
    return null;
end $$;

create trigger lead_fact_baseline_inserted after insert on lead_fact
    referencing new table as new_rows for each statement execute function dismissed_baseline_lead_changed();
create trigger lead_fact_baseline_updated after update on lead_fact
    referencing old table as old_rows new table as new_rows
    for each statement execute function dismissed_baseline_lead_changed();
create trigger deal_fact_baseline_inserted after insert on deal_fact
    referencing new table as new_rows for each statement execute function dismissed_baseline_deal_changed();
create trigger deal_fact_baseline_updated after update on deal_fact
    referencing old table as old_rows new table as new_rows
    for each statement execute function dismissed_baseline_deal_changed();
create trigger card_touch_baseline_inserted after insert on card_touch
    referencing new table as new_rows for each statement execute function dismissed_baseline_touched();
create trigger transfer_card_baseline_inserted after insert on transfer_card
    referencing new table as new_rows for each statement execute function dismissed_baseline_transferred();

-- the cards that came in before this migration
insert into dismissed_baseline_card (gen, tenant_id, card_type, card_id, arrived_at, manager_id, state,
                                     first_touched_at)
select c.gen, c.tenant_id, c.card_type, c.card_id, c.arrived_at, c.manager_id, c.state,
       (select min(t.touched_at) from card_touch t where t.gen = c.gen and t.tenant_id = c.tenant_id
            and t.card_type = c.card_type and t.card_id = c.card_id and t.touched_at >= c.arrived_at)
from (select l.gen, l.tenant_id, 'LEAD' as card_type, l.lead_id as card_id, l.created_at as arrived_at,
             l.owner_id as manager_id,
             dismissed_baseline_lead_state(l.status) as state
      from lead_fact l where not l.archived
      union all
      select d.gen, d.tenant_id, 'DEAL', d.deal_id, d.opened_at, d.manager_id, d.status from deal_fact d) c
where not exists (select 1 from transfer_card tc where tc.gen = c.gen and tc.tenant_id = c.tenant_id
                                                  and tc.card_type = c.card_type and tc.card_id = c.card_id);
