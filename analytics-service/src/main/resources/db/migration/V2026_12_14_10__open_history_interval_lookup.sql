-- The history triggers (V2026_12_13_20) find each changed card's or task's open interval by an exact index hit
-- (issue 16, f16-history). They looked it up by (gen, tenant, card) and "valid_to is null", which no index matched:
-- with the statistics of young tables the planner read it from card_state_span_at / task_span_at, i.e. walked the
-- tenant's whole history per changed card (auto_explain on the scale dataset: 600–1 300 rows removed by the filter per
-- card, 30–140 ms per statement of 60–90 changes, growing with the history), until an analyze switched it to the
-- primary key.
--
-- Each card and task has at most one open interval (every change closes it or replaces it), so a partial unique index
-- on the open interval says so and serves the lookup; the closing update and the insert become two statements (a
-- unique index is checked as each row is written, so the old interval must be closed before the new one is written).
-- The rows written are those of V2026_12_13_20: a change starts at the latest of its event-time columns, never before
-- the open interval it closes; the open interval is closed there, unless it begins at that instant or later, when the
-- new state replaces it.

create unique index card_state_span_open on card_state_span (gen, tenant_id, card_type, card_id)
    where valid_to is null;
create unique index task_span_open on task_span (gen, tenant_id, task_id) where valid_to is null;

-- PL/pgSQL, not SQL: a SQL function's statements are planned again at every call, PL/pgSQL keeps their plans
create or replace function card_state_record(p_changes card_state_change[]) returns void language plpgsql as $$
begin
    update card_state_span s set valid_to = x.valid_from
    from unnest(p_changes) x
    where s.gen = x.gen and s.tenant_id = x.tenant_id and s.card_type = x.card_type and s.card_id = x.card_id
      and s.valid_to is null and s.valid_from < x.valid_from;
    -- the intervals still open begin at the change or later: the new state replaces them
    insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, valid_to, is_open, manager_id, title,
                                 source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
    select x.gen, x.tenant_id, x.card_type, x.card_id, greatest(x.valid_from, o.valid_from), null, x.is_open,
           x.manager_id, x.title, x.source, x.pipeline_id, x.stage, x.stage_entered_at, x.created_at, x.status,
           x.archived
    from unnest(p_changes) x
    left join card_state_span o on o.gen = x.gen and o.tenant_id = x.tenant_id and o.card_type = x.card_type
                               and o.card_id = x.card_id and o.valid_to is null
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
    update task_span s set valid_to = x.valid_from
    from unnest(v_changes) x
    where s.gen = x.gen and s.tenant_id = x.tenant_id and s.task_id = x.task_id and s.valid_to is null
      and s.valid_from < x.valid_from;
    insert into task_span (gen, tenant_id, task_id, valid_from, valid_to, card_type, card_id, assignee_id, title,
                           due_at, status)
    select x.gen, x.tenant_id, x.task_id, greatest(x.valid_from, o.valid_from), null, x.card_type, x.card_id,
           x.assignee_id, x.title, x.due_at, x.status
    from unnest(v_changes) x
    left join task_span o on o.gen = x.gen and o.tenant_id = x.tenant_id and o.task_id = x.task_id
                         and o.valid_to is null
    on conflict (gen, tenant_id, task_id, valid_from) do update set valid_to = null,
        assignee_id = excluded.assignee_id, due_at = excluded.due_at, status = excluded.status;
    return null;
end $$;
