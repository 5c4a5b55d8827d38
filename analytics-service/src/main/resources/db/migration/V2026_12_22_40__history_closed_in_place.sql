-- The cards' and tasks' history close an interval without touching an index (issue 16, f16-pgevent2).
--
-- Every change closes its card's open interval, i.e. sets valid_to, and valid_to was in two indexes of each history
-- table: the INCLUDE list of card_state_span_at / task_span_at and the predicate of the partial unique
-- card_state_span_open / task_span_open. A column in an index's key, INCLUDE list or predicate rules a HOT update out,
-- so none of card_state_span's 657 384 updates in the scale 0.1 journeys phase was HOT: each closing wrote an entry
-- into all three indexes.
--
-- Now valid_to is in no index:
-- - The open interval is the card's (task's) latest: a change starts at the open interval's start or later
--   (V2026_12_13_20), so the trigger finds it as the last primary-key entry up to (gen, tenant, type, card,
--   'infinity'), if that entry is the card's and its valid_to is null: one backward probe of the primary key. The open
--   interval's uniqueness was only ever kept by these triggers, which write a card's history under its fact row's lock.
-- - The probe is a row comparison ordered by every key column, not equalities ordered by valid_from, because of the
--   readers' index on (gen, tenant_id, valid_from). The first attempt (f16-pgevent, reverted) wrote the equalities:
--   in the benchmark's fresh database, before card_state_span had statistics, the planner took "gen and tenant equal"
--   from its readers' index, filtered the tenant's whole history by card and sorted it (auto_explain on a scratch
--   database: 3 270 rows removed by the filter per change, 14 800 buffers a call of 36 changes where the primary key
--   takes 150), so the trigger took 6 times as long. A row comparison is an index condition of the primary key only
--   (the other index matches its first two columns at most and cannot give its order), so no estimate can pick
--   another path; ProbeByKeyWithoutStatisticsTest pins it on 40 000 never-analysed intervals.
-- - The readers of a moment (open_cards_at, tasks_at, a trend's start of history in AsOfRequests) keep their index on
--   (gen, tenant_id, valid_from), without the INCLUDE columns (no plan read them: 0 index-only scans).
-- - fillfactor 85 leaves room on a page for the closed version of a row inserted there, so the closing can stay on
--   the page (pages written before this migration are full: their rows close non-HOT until pruning frees room).
-- Each trigger body is one statement: the probe once per change, the closing by the row id it found, the new state
-- from the same rows (without the partial unique index the order of the two writes no longer matters). The rows
-- written are those of V2026_12_15_10.

drop index card_state_span_open;
drop index card_state_span_at;
create index card_state_span_from on card_state_span (gen, tenant_id, valid_from);
drop index task_span_open;
drop index task_span_at;
create index task_span_from on task_span (gen, tenant_id, valid_from);
alter table card_state_span set (fillfactor = 85);
alter table task_span set (fillfactor = 85);

create or replace function card_state_record(p_changes card_state_change[]) returns void language plpgsql as $$
begin
    with c as (
        select x.*, o.row_id, o.open_from
        from unnest(p_changes) x
        left join lateral (select s.ctid as row_id, s.valid_from as open_from, s.valid_to, s.gen, s.tenant_id,
                                  s.card_type, s.card_id
                           from card_state_span s
                           where (s.gen, s.tenant_id, s.card_type, s.card_id, s.valid_from)
                                 <= (x.gen, x.tenant_id, x.card_type, x.card_id, 'infinity')
                           order by s.gen desc, s.tenant_id desc, s.card_type desc, s.card_id desc, s.valid_from desc
                           limit 1) o
            on o.gen = x.gen and o.tenant_id = x.tenant_id and o.card_type = x.card_type and o.card_id = x.card_id
           and o.valid_to is null
    ), closed as (
        update card_state_span s set valid_to = c.valid_from
        from c
        where s.ctid = c.row_id and s.card_id = c.card_id and c.open_from < c.valid_from
    )
    -- the intervals still open begin at the change or later: the new state replaces them
    insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, valid_to, is_open, manager_id, title,
                                 source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
    select c.gen, c.tenant_id, c.card_type, c.card_id, greatest(c.valid_from, c.open_from), null, c.is_open,
           c.manager_id, c.title, c.source, c.pipeline_id, c.stage, c.stage_entered_at, c.created_at, c.status,
           c.archived
    from c
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
    with c as (
        select x.*, o.row_id, o.open_from
        from unnest(v_changes) x
        left join lateral (select s.ctid as row_id, s.valid_from as open_from, s.valid_to, s.gen, s.tenant_id,
                                  s.task_id
                           from task_span s
                           where (s.gen, s.tenant_id, s.task_id, s.valid_from)
                                 <= (x.gen, x.tenant_id, x.task_id, 'infinity')
                           order by s.gen desc, s.tenant_id desc, s.task_id desc, s.valid_from desc
                           limit 1) o
            on o.gen = x.gen and o.tenant_id = x.tenant_id and o.task_id = x.task_id and o.valid_to is null
    ), closed as (
        update task_span s set valid_to = c.valid_from
        from c
        where s.ctid = c.row_id and s.task_id = c.task_id and c.open_from < c.valid_from
    )
    insert into task_span (gen, tenant_id, task_id, valid_from, valid_to, card_type, card_id, assignee_id, title,
                           due_at, status)
    select c.gen, c.tenant_id, c.task_id, greatest(c.valid_from, c.open_from), null, c.card_type, c.card_id,
           c.assignee_id, c.title, c.due_at, c.status
    from c
    on conflict (gen, tenant_id, task_id, valid_from) do update set valid_to = null,
        assignee_id = excluded.assignee_id, due_at = excluded.due_at, status = excluded.status;
    return null;
end $$;
