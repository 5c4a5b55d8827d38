-- The cards' and tasks' history (V2026_12_12_40) written once per statement instead of once per row: the triggers read
-- the statement's changed rows from its transition tables and write their history with one update and one insert per
-- table, so a batch's set-based write of 500 cards runs three statements, not 1 500 (issue 16, f16-ingest4: the
-- per-row triggers cost the live ingest of the scale dataset about half its database time).
--
-- The rows written are those of the per-row triggers. A statement changes each live row at most once, so each card
-- has at most one change per statement, and a later statement's triggers see the earlier's history as before. A
-- change starts at the latest of its event-time columns, never before the open interval it closes; the open interval
-- is closed there, unless it begins at that very instant, when the new state replaces it (the per-row version closed
-- it and opened it again, the same row in the end). An update that keeps the kept columns, or moves the row to another
-- generation (its key then differs from every old row's), writes nothing; a comparison with a null in it counts as a
-- change, as in the per-row version.

drop trigger lead_fact_history on lead_fact;
drop trigger deal_fact_history on deal_fact;
drop trigger task_fact_history on task_fact;
drop function card_state_changed();
drop function task_state_changed();

-- one card's new state, as the triggers hand it to card_state_record
create type card_state_change as (
    gen              int,
    tenant_id        text,
    card_type        text,
    card_id          uuid,
    valid_from       timestamptz,
    is_open          boolean,
    manager_id       uuid,
    title            text,
    source           text,
    pipeline_id      uuid,
    stage            text,
    stage_entered_at timestamptz,
    created_at       timestamptz,
    status           text,
    archived         boolean
);

create function card_state_record(p_changes card_state_change[]) returns void language sql as $$
with c as (
    select x.gen, x.tenant_id, x.card_type, x.card_id, greatest(x.valid_from, o.open_from) as valid_from, x.is_open,
           x.manager_id, x.title, x.source, x.pipeline_id, x.stage, x.stage_entered_at, x.created_at, x.status,
           x.archived
    from unnest(p_changes) x
    left join lateral (select max(s.valid_from) as open_from from card_state_span s
                       where s.gen = x.gen and s.tenant_id = x.tenant_id and s.card_type = x.card_type
                         and s.card_id = x.card_id and s.valid_to is null) o on true
), closed as (
    update card_state_span s set valid_to = c.valid_from
    from c
    where s.gen = c.gen and s.tenant_id = c.tenant_id and s.card_type = c.card_type and s.card_id = c.card_id
      and s.valid_to is null and s.valid_from < c.valid_from
)
insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, valid_to, is_open, manager_id, title,
                             source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
select gen, tenant_id, card_type, card_id, valid_from, null, is_open, manager_id, title, source, pipeline_id, stage,
       stage_entered_at, created_at, status, archived
from c
on conflict (gen, tenant_id, card_type, card_id, valid_from) do update set valid_to = null,
    is_open = excluded.is_open, manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
    pipeline_id = excluded.pipeline_id, stage = excluded.stage, stage_entered_at = excluded.stage_entered_at,
    status = excluded.status, archived = excluded.archived
$$;

create function lead_fact_changed() returns trigger language plpgsql as $$
declare
    v_changes card_state_change[];
begin
    if tg_op = 'INSERT' then
        select array_agg(row(n.gen, n.tenant_id, 'LEAD', n.lead_id,
                             greatest(n.created_at, n.owner_since, n.stage_entered_at, n.closed_at,
                                      n.archived_changed_at),
                             n.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not n.archived and n.owner_id is not null,
                             n.owner_id, n.client_name, n.source, null, 'LEAD:' || n.status, n.stage_entered_at,
                             n.created_at, n.status, n.archived)::card_state_change)
        into v_changes
        from new_rows n;
    else
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
    end if;
    if v_changes is not null then
        perform card_state_record(v_changes);
    end if;
    return null;
end $$;

create function deal_fact_changed() returns trigger language plpgsql as $$
declare
    v_changes card_state_change[];
begin
    if tg_op = 'INSERT' then
        select array_agg(row(n.gen, n.tenant_id, 'DEAL', n.deal_id,
                             greatest(n.opened_at, n.owner_since, n.stage_entered_at, n.closed_at,
                                      n.archived_changed_at),
                             n.status = 'OPEN' and not n.archived, n.manager_id, n.client_name, n.source,
                             n.pipeline_id, cast(n.stage_id as text), n.stage_entered_at, n.opened_at, n.status,
                             n.archived)::card_state_change)
        into v_changes
        from new_rows n;
    else
        select array_agg(row(n.gen, n.tenant_id, 'DEAL', n.deal_id,
                             greatest(n.opened_at, n.owner_since, n.stage_entered_at, n.closed_at,
                                      n.archived_changed_at),
                             n.status = 'OPEN' and not n.archived, n.manager_id, n.client_name, n.source,
                             n.pipeline_id, cast(n.stage_id as text), n.stage_entered_at, n.opened_at, n.status,
                             n.archived)::card_state_change)
        into v_changes
        from new_rows n
        join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
        where not coalesce(o.manager_id = n.manager_id and o.status = n.status and o.archived = n.archived
                           and o.stage_id = n.stage_id
                           and o.stage_entered_at is not distinct from n.stage_entered_at, false);
    end if;
    if v_changes is not null then
        perform card_state_record(v_changes);
    end if;
    return null;
end $$;

create function task_fact_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        with c as (
            select n.*, greatest(n.created_at, n.closed_at, n.changed_at) as changed_from from new_rows n
        ), f as (
            select c.*, greatest(c.changed_from, o.open_from) as valid_from
            from c
            left join lateral (select max(s.valid_from) as open_from from task_span s
                               where s.gen = c.gen and s.tenant_id = c.tenant_id and s.task_id = c.task_id
                                 and s.valid_to is null) o on true
        ), closed as (
            update task_span s set valid_to = f.valid_from
            from f
            where s.gen = f.gen and s.tenant_id = f.tenant_id and s.task_id = f.task_id and s.valid_to is null
              and s.valid_from < f.valid_from
        )
        insert into task_span (gen, tenant_id, task_id, valid_from, valid_to, card_type, card_id, assignee_id, title,
                               due_at, status)
        select gen, tenant_id, task_id, valid_from, null, card_type, card_id, assignee_id, title, due_at, status
        from f
        on conflict (gen, tenant_id, task_id, valid_from) do update set valid_to = null,
            assignee_id = excluded.assignee_id, due_at = excluded.due_at, status = excluded.status;
    else
        with c as (
            select n.*, greatest(n.created_at, n.closed_at, n.changed_at) as changed_from
            from new_rows n
            join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.task_id = n.task_id
            where not coalesce(o.assignee_id = n.assignee_id and o.due_at = n.due_at and o.status = n.status, false)
        ), f as (
            select c.*, greatest(c.changed_from, o.open_from) as valid_from
            from c
            left join lateral (select max(s.valid_from) as open_from from task_span s
                               where s.gen = c.gen and s.tenant_id = c.tenant_id and s.task_id = c.task_id
                                 and s.valid_to is null) o on true
        ), closed as (
            update task_span s set valid_to = f.valid_from
            from f
            where s.gen = f.gen and s.tenant_id = f.tenant_id and s.task_id = f.task_id and s.valid_to is null
              and s.valid_from < f.valid_from
        )
        insert into task_span (gen, tenant_id, task_id, valid_from, valid_to, card_type, card_id, assignee_id, title,
                               due_at, status)
        select gen, tenant_id, task_id, valid_from, null, card_type, card_id, assignee_id, title, due_at, status
        from f
        on conflict (gen, tenant_id, task_id, valid_from) do update set valid_to = null,
            assignee_id = excluded.assignee_id, due_at = excluded.due_at, status = excluded.status;
    end if;
    return null;
end $$;

-- a trigger with transition tables fires on one kind of statement only: one for inserts, one for updates (an
-- insert … on conflict do update fires both, each with its own rows)
create trigger lead_fact_history_insert after insert on lead_fact
    referencing new table as new_rows for each statement execute function lead_fact_changed();
create trigger lead_fact_history_update after update on lead_fact
    referencing old table as old_rows new table as new_rows for each statement execute function lead_fact_changed();
create trigger deal_fact_history_insert after insert on deal_fact
    referencing new table as new_rows for each statement execute function deal_fact_changed();
create trigger deal_fact_history_update after update on deal_fact
    referencing old table as old_rows new table as new_rows for each statement execute function deal_fact_changed();
create trigger task_fact_history_insert after insert on task_fact
    referencing new table as new_rows for each statement execute function task_fact_changed();
create trigger task_fact_history_update after update on task_fact
    referencing old table as old_rows new table as new_rows for each statement execute function task_fact_changed();
