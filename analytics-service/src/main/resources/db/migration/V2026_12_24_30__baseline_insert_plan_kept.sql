-- Issue 16, the journeys' apply (f16-journeys): dismissed_baseline_inserted (V2026_12_23_20), called by every
-- statement that inserts leads or deals, was a SQL function. PostgreSQL plans a SQL function's body again at every
-- call from a trigger (its cache lives in the calling expression, which each trigger firing builds anew): on a
-- scratch feed of 36 359 journey events (JourneysApplyProfile) the function's own time was 4.6 s, of which its one
-- statement ran 1.7 s; the rest was planning that statement (a CTE with a delete, an insert ... on conflict and a
-- correlated probe) 959 times. In PL/pgSQL the statement's plan is prepared once per connection and kept.
-- The same statement, the same rows.
create or replace function dismissed_baseline_inserted(p_cards dismissed_baseline_card[], p_counted boolean[])
    returns void language plpgsql as $$
begin
    with card as (
        select c.gen, c.tenant_id, c.card_type, c.card_id, c.arrived_at, c.manager_id, c.state,
               p_counted[c.i] and not exists (select 1 from transfer_card tc
                                              where tc.gen = c.gen and tc.tenant_id = c.tenant_id
                                                and tc.card_type = c.card_type and tc.card_id = c.card_id) as counted
        from unnest(p_cards) with ordinality c(gen, tenant_id, card_type, card_id, arrived_at, manager_id, state,
                                               first_touched_at, i)
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
              is distinct from (excluded.arrived_at, excluded.manager_id, excluded.state, excluded.first_touched_at);
end $$;
