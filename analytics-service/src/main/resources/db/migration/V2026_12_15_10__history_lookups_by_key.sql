-- The history triggers find each changed card's and task's open interval by one index probe per change, in a shape no
-- statistics can turn into a walk of the open intervals or of a tenant's history (issue 16, f16-apply).
--
-- V2026_12_14_10 gave the open interval a partial unique index and joined the changes to it. auto_explain on the scale
-- dataset (scale 0.002, a fresh database) showed the join planned the other way round until card_state_span's first
-- autoanalyze: without statistics "valid_to is null" is estimated at 0.5 % of the rows, so the planner expected about
-- one open interval in the whole table, read card_state_span_open from end to end and joined each open interval to
-- the statement's changes (Nested Loop, outer: every open interval of every tenant; "Rows Removed by Join Filter"
-- 5 000–11 000 per statement, 5–600 ms a statement, growing with the cards). On a quiet machine the journeys phase
-- ended before that analyze, so all of it ran with that plan; a plan cached by the PL/pgSQL function kept it until
-- the analyze invalidated it.
--
-- Keys alone do not fix it. In a scratch database without statistics (20 000 leads, 80 changed at once) the planner
-- served "= any" arrays of the changed keys from card_state_span_at (gen, tenant_id, valid_from), reading the
-- tenants' whole history (20 700 rows removed, 42 ms), and a join by the full primary key from the same index per
-- change (16 000 rows removed per change, 1.5 s): the failure f16-history found. So the plan is fixed by the
-- query's shape instead of its estimates:
-- - each change finds its open interval with a LATERAL subquery with LIMIT 1, which PostgreSQL cannot flatten into a
--   join: it runs once per change, its equalities on every column of the unique card_state_span_open / task_span_open
--   (one row, so the cheapest path whatever the statistics say);
-- - the closing update then reaches that row by the row id the probe returned (a TID scan per change; the probe and
--   the update run in the statement's transaction, after the fact row's update, whose row lock keeps every other
--   writer of this card's history waiting), so it has no key join the planner could turn round.
-- Scratch database, no statistics, 80 changed leads: the trigger's two statements 3.8 and 3.6 ms (42 and 50 ms before,
-- growing with the history); after an analyze the same plans. The rows written are those of V2026_12_14_10.

create or replace function card_state_record(p_changes card_state_change[]) returns void language plpgsql as $$
begin
    update card_state_span s set valid_to = c.valid_from
    from (select x.valid_from, x.card_id, o.row_id
          from unnest(p_changes) x
          cross join lateral (select s2.ctid as row_id, s2.valid_from as open_from from card_state_span s2
                              where s2.gen = x.gen and s2.tenant_id = x.tenant_id and s2.card_type = x.card_type
                                and s2.card_id = x.card_id and s2.valid_to is null
                              limit 1) o
          where o.open_from < x.valid_from) c
    where s.ctid = c.row_id and s.card_id = c.card_id;
    -- the intervals still open begin at the change or later: the new state replaces them
    insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, valid_to, is_open, manager_id, title,
                                 source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
    select x.gen, x.tenant_id, x.card_type, x.card_id, greatest(x.valid_from, o.valid_from), null, x.is_open,
           x.manager_id, x.title, x.source, x.pipeline_id, x.stage, x.stage_entered_at, x.created_at, x.status,
           x.archived
    from unnest(p_changes) x
    left join lateral (select o.valid_from from card_state_span o
                       where o.gen = x.gen and o.tenant_id = x.tenant_id and o.card_type = x.card_type
                         and o.card_id = x.card_id and o.valid_to is null
                       limit 1) o on true
    on conflict (gen, tenant_id, card_type, card_id, valid_from) do update set valid_to = null,
        is_open = excluded.is_open, manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
        pipeline_id = excluded.pipeline_id, stage = excluded.stage, stage_entered_at = excluded.stage_entered_at,
        status = excluded.status, archived = excluded.archived;
end $$;

create or replace function task_fact_changed() returns trigger language plpgsql as $$
declare
    v_changes task_span[];
begin
    if tg_op = 'INSERT' then
        select array_agg(row(n.gen, n.tenant_id, n.task_id, greatest(n.created_at, n.closed_at, n.changed_at), null,
                             n.card_type, n.card_id, n.assignee_id, n.title, n.due_at, n.status)::task_span)
        into v_changes
        from new_rows n;
    else
        select array_agg(row(n.gen, n.tenant_id, n.task_id, greatest(n.created_at, n.closed_at, n.changed_at), null,
                             n.card_type, n.card_id, n.assignee_id, n.title, n.due_at, n.status)::task_span)
        into v_changes
        from new_rows n
        join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.task_id = n.task_id
        where not coalesce(o.assignee_id = n.assignee_id and o.due_at = n.due_at and o.status = n.status, false);
    end if;
    if v_changes is null then
        return null;
    end if;
    update task_span s set valid_to = c.valid_from
    from (select x.valid_from, x.task_id, o.row_id
          from unnest(v_changes) x
          cross join lateral (select s2.ctid as row_id, s2.valid_from as open_from from task_span s2
                              where s2.gen = x.gen and s2.tenant_id = x.tenant_id and s2.task_id = x.task_id
                                and s2.valid_to is null
                              limit 1) o
          where o.open_from < x.valid_from) c
    where s.ctid = c.row_id and s.task_id = c.task_id;
    insert into task_span (gen, tenant_id, task_id, valid_from, valid_to, card_type, card_id, assignee_id, title,
                           due_at, status)
    select x.gen, x.tenant_id, x.task_id, greatest(x.valid_from, o.valid_from), null, x.card_type, x.card_id,
           x.assignee_id, x.title, x.due_at, x.status
    from unnest(v_changes) x
    left join lateral (select o.valid_from from task_span o
                       where o.gen = x.gen and o.tenant_id = x.tenant_id and o.task_id = x.task_id
                         and o.valid_to is null
                       limit 1) o on true
    on conflict (gen, tenant_id, task_id, valid_from) do update set valid_to = null,
        assignee_id = excluded.assignee_id, due_at = excluded.due_at, status = excluded.status;
    return null;
end $$;
