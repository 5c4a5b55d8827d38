-- Issue 16: a projection statement and the kept cards' triggers (open_card V2026_12_17_10, dismissed_baseline_card
-- V2026_12_17_20) find each card's row by its key, whatever the statistics say. On tables never analysed (a fresh
-- database: the first minute of a run, every test) the planner took another index of the table for that probe, one
-- matching the key's first two columns (gen, tenant_id), which without statistics look as selective as the whole key.
-- On 100 000 leads and deals of one tenant, a 500-row batch then read the tenant's rows once per card: the touches'
-- update of lead_fact 25 million buffers (16.7 s) through lead_fact_tenant_created, deal_fact's through
-- deal_fact_client (32 s), the baseline's touch trigger 50 million (220 s) through dismissed_baseline_card_arrived,
-- open_card's update 228 000 through open_card_manager.
--
-- Those indexes become partial on a condition every row meets (each column is not null): the planner uses a partial
-- index only for a statement whose conditions imply its predicate, which every read they serve does (a manager, a
-- client or a status compared with = or in, or a join; a creation, an arrival compared with a bound), and a probe by
-- key does not. So a probe by key has one index to choose, the primary key. The rows indexed are the same.
drop index open_card_manager;
create index open_card_manager on open_card (gen, tenant_id, manager_id, stage) where manager_id is not null;
drop index dismissed_baseline_card_arrived;
create index dismissed_baseline_card_arrived on dismissed_baseline_card (gen, tenant_id, arrived_at)
    where arrived_at is not null;
drop index lead_fact_tenant_created;
create index lead_fact_tenant_created on lead_fact (gen, tenant_id, created_at) where created_at is not null;
drop index deal_fact_client;
create index deal_fact_client on deal_fact (gen, tenant_id, client_id) where client_id is not null;
drop index deal_fact_newest;
create index deal_fact_newest on deal_fact (gen, tenant_id, status, closed_at desc, opened_at desc, deal_id)
    where status is not null;

-- card_touch: a touch at or after a kept card's arrival and before its kept first touch moves the first touch. The
-- kept rows are probed once per touch by key alone (materialized, so the arrival's comparison, which would imply the
-- arrival index's predicate, stays out of the probe), and only the cards whose first touch moves are written.
create or replace function dismissed_baseline_touched() returns trigger language plpgsql as $$
begin
    with kept as materialized (
        select n.gen, n.tenant_id, n.card_type, n.card_id, n.touched_at, k.arrived_at, k.first_touched_at
        from new_rows n join dismissed_baseline_card k
             on k.gen = n.gen and k.tenant_id = n.tenant_id and k.card_type = n.card_type and k.card_id = n.card_id
    ), moved as (
        select gen, tenant_id, card_type, card_id, min(touched_at) as first
        from kept
        where touched_at >= arrived_at and (first_touched_at is null or touched_at < first_touched_at)
        group by 1, 2, 3, 4
    )
    update dismissed_baseline_card b set first_touched_at = t.first
    from moved t
    where b.gen = t.gen and b.tenant_id = t.tenant_id and b.card_type = t.card_type and b.card_id = t.card_id
      and (b.first_touched_at is null or t.first < b.first_touched_at);
    return null;
end $$;

-- The cards a statement inserted, as the baseline counts them, from the inserted rows themselves (the facts are not
-- read again): each counted card (a lead not archived, any deal) with no transfer_card row is written with its first
-- touch at or after arrival; a card not counted loses any row it had (as dismissed_baseline_refresh does). The
-- trigger hands the rows as the table's own type, first_touched_at left null.
create function dismissed_baseline_inserted(p_cards dismissed_baseline_card[], p_counted boolean[])
    returns void language sql as $$
with card as (
    select c.gen, c.tenant_id, c.card_type, c.card_id, c.arrived_at, c.manager_id, c.state,
           p_counted[i] and not exists (select 1 from transfer_card tc
                                        where tc.gen = c.gen and tc.tenant_id = c.tenant_id
                                          and tc.card_type = c.card_type and tc.card_id = c.card_id) as counted
    from generate_subscripts(p_cards, 1) i, lateral (select (p_cards[i]).*) c
), gone as (
    delete from dismissed_baseline_card b using card c
    where not c.counted
      and b.gen = c.gen and b.tenant_id = c.tenant_id and b.card_type = c.card_type and b.card_id = c.card_id
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

-- lead_fact: as V2026_12_17_20, an insert written from its rows; an update's two passes (a new creation moment or
-- archival refreshes the row, a new owner or state is written into the row it has) skipped when no lead of the
-- statement changed any of those columns, which is the common case (a touch, a status move within the open states).
create or replace function dismissed_baseline_lead_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform dismissed_baseline_inserted(
                    array_agg(row(n.gen, n.tenant_id, 'LEAD', n.lead_id, n.created_at, n.owner_id,
                                  dismissed_baseline_lead_state(n.status), null)::dismissed_baseline_card),
                    array_agg(not n.archived))
        from new_rows n having count(*) > 0;
        return null;
    end if;
    if not exists (select 1 from new_rows n join old_rows o
                        on o.gen = n.gen and o.tenant_id = n.tenant_id and o.lead_id = n.lead_id
                   where (o.created_at, o.archived, o.owner_id, dismissed_baseline_lead_state(o.status))
                         is distinct from (n.created_at, n.archived, n.owner_id, dismissed_baseline_lead_state(n.status)))
    then
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

-- deal_fact: the same for deals (every deal inserted counts unless transferred; an update matters only if it moved the
-- opening, the owner or the status)
create or replace function dismissed_baseline_deal_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform dismissed_baseline_inserted(
                    array_agg(row(n.gen, n.tenant_id, 'DEAL', n.deal_id, n.opened_at, n.manager_id, n.status,
                                  null)::dismissed_baseline_card),
                    array_agg(true))
        from new_rows n having count(*) > 0;
        return null;
    end if;
    if not exists (select 1 from new_rows n join old_rows o
                        on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
                   where (o.opened_at, o.manager_id, o.status) is distinct from (n.opened_at, n.manager_id, n.status))
    then
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
