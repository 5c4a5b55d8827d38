-- Issue 16, the lead creations' apply (f16-leadapply): two of the three statement triggers a batch of lead creations
-- fires on lead_fact do less per lead, writing the same rows.
--
-- Measured on a scratch database (analytics' migrations, batches of 470 creations as LeadInflowProjection sends them,
-- pg_stat_statements with track=all): the history trigger (card_state_record) read 19 buffers a lead and the
-- dismissed-base trigger 10, next to the creation statement's own 18 (lead_fact, card_stay, the touch probe).
--
-- 1. The history of a lead just inserted into lead_fact. card_state_record first looks for the card's open interval
--    (a backward probe of card_state_span's primary key per change) to close it. A lead inserted into lead_fact has
--    no history to close: its first interval is written by this insert, its fact row and its history are only ever
--    deleted together (ReadModelTables clears or moves a generation's or a tenant's tables as a whole: a move is an
--    update of gen, which records nothing), and no other statement inserts a lead. So the insert branch writes the new
--    intervals straight from the transition table — the rows card_state_record writes when its probe finds nothing
--    (valid_from = greatest(the change, null) = the change). The conflict clause stays as card_state_record's, so a
--    row already there at that instant is replaced exactly as before. Updates still go through card_state_record.
-- 2. dismissed_baseline_inserted read its cards as p_cards[i] for i in generate_subscripts: the planner expands
--    (p_cards[i]).* into one subscript per column, and the transfer probe's condition subscripts again, each a walk
--    from the array's start over its variable-length elements (quadratic in the batch's cards). unnest(...) with
--    ordinality reads each card once. Used by lead and deal inserts alike; same rows.

create or replace function lead_fact_changed() returns trigger language plpgsql as $$
declare
    v_changes card_state_change[];
begin
    if tg_op = 'INSERT' then
        -- a new lead has no interval to close (see above): its first one, as card_state_record writes it
        insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, valid_to, is_open, manager_id,
                                     title, source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
        select n.gen, n.tenant_id, 'LEAD', n.lead_id,
               greatest(n.created_at, n.owner_since, n.stage_entered_at, n.closed_at, n.archived_changed_at), null,
               n.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not n.archived and n.owner_id is not null,
               n.owner_id, n.client_name, n.source, null, 'LEAD:' || n.status, n.stage_entered_at, n.created_at,
               n.status, n.archived
        from new_rows n
        on conflict (gen, tenant_id, card_type, card_id, valid_from) do update set valid_to = null,
            is_open = excluded.is_open, manager_id = excluded.manager_id, title = excluded.title,
            source = excluded.source, pipeline_id = excluded.pipeline_id, stage = excluded.stage,
            stage_entered_at = excluded.stage_entered_at, status = excluded.status, archived = excluded.archived;
        return null;
    end if;
    select array_agg(row(n.gen, n.tenant_id, 'LEAD', n.lead_id,
                         greatest(n.created_at, n.owner_since, n.stage_entered_at, n.closed_at,
                                  n.archived_changed_at),
                         n.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not n.archived and n.owner_id is not null,
                         n.owner_id, n.client_name, n.source, null, 'LEAD:' || n.status, n.stage_entered_at,
                         n.created_at, n.status, n.archived)::card_state_change)
    into v_changes
    from new_rows n
    join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.lead_id = n.lead_id
    where not coalesce(o.owner_id is not distinct from n.owner_id and o.status = n.status
                       and o.archived = n.archived and o.stage_entered_at is not distinct from n.stage_entered_at,
                       false);
    if v_changes is not null then
        perform card_state_record(v_changes);
    end if;
    return null;
end $$;

create or replace function dismissed_baseline_inserted(p_cards dismissed_baseline_card[], p_counted boolean[])
    returns void language sql as $$
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
          is distinct from (excluded.arrived_at, excluded.manager_id, excluded.state, excluded.first_touched_at)
$$;
