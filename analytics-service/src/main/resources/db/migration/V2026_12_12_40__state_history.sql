-- Issue 20, "is it getting better?": the "now" metrics (manager load, forgotten cards and overdue tasks) answer for a
-- past moment too. The read model kept only each card's and task's current state; these tables keep its history as
-- validity intervals in event time: a row holds the state from valid_from (inclusive) to valid_to (exclusive; null:
-- still holding). The current row (valid_to null) is a copy of the live row, so the state "at now" is the live state.
--
-- The history is written by triggers on lead_fact, deal_fact and task_fact, in the statement (so the transaction) that
-- changes the live row, whichever projection statement that is: a batch's set-based writes need no second path. A
-- write that changes none of the kept columns (a touch, an amount, the same event applied again, a tenant's rebuild
-- moving its rows to another generation) writes no history. valid_from is the event time of the change, read from
-- the live row's own event-time columns; a change never starts before the interval it closes (a late event of an
-- earlier time starts when the previous state did). A replay applies the same events through the same statements, so
-- it writes the same history.

-- the moment of a card's last archiving or restoring (the archive events' time), for its history
alter table lead_fact add column archived_changed_at timestamptz;
alter table deal_fact add column archived_changed_at timestamptz;
-- the moment of a task's last reschedule or reassignment, for its history
alter table task_fact add column changed_at timestamptz;

create table card_state_span (
    gen              int         not null,
    tenant_id        text        not null,
    card_type        text        not null,   -- LEAD or DEAL
    card_id          uuid        not null,
    valid_from       timestamptz not null,
    valid_to         timestamptz,
    is_open          boolean     not null,   -- in open_cards: a lead being worked, owned, not archived; an open deal
    manager_id       uuid,
    title            text,
    source           text,
    pipeline_id      uuid,
    stage            text,                   -- LEAD:<status> or the deal stage's id
    stage_entered_at timestamptz,
    created_at       timestamptz not null,
    status           text        not null,   -- the lead's status, OPEN for an open deal, else WON/LOST
    archived         boolean     not null,
    primary key (gen, tenant_id, card_type, card_id, valid_from)
);
-- the state at a moment across a tenant: the intervals begun by then, still holding after it
create index card_state_span_at on card_state_span (gen, tenant_id, valid_from) include (valid_to, is_open);

create table task_span (
    gen         int         not null,
    tenant_id   text        not null,
    task_id     uuid        not null,
    valid_from  timestamptz not null,
    valid_to    timestamptz,
    card_type   text        not null,
    card_id     uuid        not null,
    assignee_id uuid        not null,
    title       text        not null,
    due_at      timestamptz not null,
    status      text        not null,
    primary key (gen, tenant_id, task_id, valid_from)
);
create index task_span_at on task_span (gen, tenant_id, valid_from) include (valid_to, status);

-- snoozes over time, written by projection/StaleCardProjection beside card_snooze: a snooze holds from its moment until
-- the card is woken or snoozed again (ended_at), and counts while snoozed_until is later than the moment asked about
create table card_snooze_span (
    gen           int         not null,
    tenant_id     text        not null,
    card_type     text        not null,
    card_id       uuid        not null,
    since         timestamptz not null,
    ended_at      timestamptz,
    snoozed_until timestamptz not null,
    reason        text        not null,
    primary key (gen, tenant_id, card_id, since)
);

-- Closes the open interval of a row's history at p_from (or later, never before it began) and opens the new state;
-- two changes at one instant: the later one's state replaces the earlier's.
create function card_state_changed() returns trigger language plpgsql as $$
declare
    v_type text := case when tg_table_name = 'lead_fact' then 'LEAD' else 'DEAL' end;
    v_id uuid;
    v_from timestamptz;
    v_open boolean;
    v_manager uuid;
    v_stage text;
    v_status text;
    v_pipeline uuid;
    v_created timestamptz;
    v_closed timestamptz;
begin
    if tg_table_name = 'lead_fact' then
        if tg_op = 'UPDATE' then
            if old.gen <> new.gen or (old.owner_id is not distinct from new.owner_id and old.status = new.status
                    and old.archived = new.archived and old.stage_entered_at is not distinct from new.stage_entered_at)
            then
                return null;
            end if;
        end if;
        v_id := new.lead_id;
        v_manager := new.owner_id;
        v_stage := 'LEAD:' || new.status;
        v_status := new.status;
        v_open := new.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not new.archived and new.owner_id is not null;
        v_created := new.created_at;
        v_closed := new.closed_at;
        v_from := greatest(new.created_at, new.owner_since, new.stage_entered_at, new.closed_at,
                           new.archived_changed_at);
    else
        if tg_op = 'UPDATE' then
            if old.gen <> new.gen or (old.manager_id = new.manager_id and old.status = new.status
                    and old.archived = new.archived and old.stage_id = new.stage_id
                    and old.stage_entered_at is not distinct from new.stage_entered_at) then
                return null;
            end if;
        end if;
        v_id := new.deal_id;
        v_manager := new.manager_id;
        v_stage := cast(new.stage_id as text);
        v_status := new.status;
        v_pipeline := new.pipeline_id;
        v_open := new.status = 'OPEN' and not new.archived;
        v_created := new.opened_at;
        v_closed := new.closed_at;
        v_from := greatest(new.opened_at, new.owner_since, new.stage_entered_at, new.closed_at,
                           new.archived_changed_at);
    end if;
    select greatest(v_from, max(s.valid_from)) into v_from from card_state_span s
    where s.gen = new.gen and s.tenant_id = new.tenant_id and s.card_type = v_type and s.card_id = v_id
      and s.valid_to is null;
    update card_state_span s set valid_to = v_from
    where s.gen = new.gen and s.tenant_id = new.tenant_id and s.card_type = v_type and s.card_id = v_id
      and s.valid_to is null;
    insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, valid_to, is_open, manager_id, title,
                                 source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
    values (new.gen, new.tenant_id, v_type, v_id, v_from, null, v_open, v_manager, new.client_name, new.source,
            v_pipeline, v_stage, new.stage_entered_at, v_created, v_status, new.archived)
    on conflict (gen, tenant_id, card_type, card_id, valid_from) do update set valid_to = null,
        is_open = excluded.is_open, manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
        pipeline_id = excluded.pipeline_id, stage = excluded.stage, stage_entered_at = excluded.stage_entered_at,
        status = excluded.status, archived = excluded.archived;
    return null;
end $$;

create trigger lead_fact_history after insert or update on lead_fact
    for each row execute function card_state_changed();
create trigger deal_fact_history after insert or update on deal_fact
    for each row execute function card_state_changed();

create function task_state_changed() returns trigger language plpgsql as $$
declare
    v_from timestamptz := greatest(new.created_at, new.closed_at, new.changed_at);
begin
    if tg_op = 'UPDATE' then
        if old.gen <> new.gen or (old.assignee_id = new.assignee_id and old.due_at = new.due_at
                and old.status = new.status) then
            return null;
        end if;
    end if;
    select greatest(v_from, max(s.valid_from)) into v_from from task_span s
    where s.gen = new.gen and s.tenant_id = new.tenant_id and s.task_id = new.task_id and s.valid_to is null;
    update task_span s set valid_to = v_from
    where s.gen = new.gen and s.tenant_id = new.tenant_id and s.task_id = new.task_id and s.valid_to is null;
    insert into task_span (gen, tenant_id, task_id, valid_from, valid_to, card_type, card_id, assignee_id, title,
                           due_at, status)
    values (new.gen, new.tenant_id, new.task_id, v_from, null, new.card_type, new.card_id, new.assignee_id, new.title,
            new.due_at, new.status)
    on conflict (gen, tenant_id, task_id, valid_from) do update set valid_to = null,
        assignee_id = excluded.assignee_id, due_at = excluded.due_at, status = excluded.status;
    return null;
end $$;

create trigger task_fact_history after insert or update on task_fact
    for each row execute function task_state_changed();

-- The rows applied before this migration have no history: each starts with its state now, from its latest known
-- change (a read-model rebuild replaces it with the real history).
insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, is_open, manager_id, title, source,
                             pipeline_id, stage, stage_entered_at, created_at, status, archived)
select gen, tenant_id, 'LEAD', lead_id, greatest(created_at, owner_since, stage_entered_at, closed_at),
       status in ('NEW', 'IN_WORK', 'QUALIFIED') and not archived and owner_id is not null, owner_id, client_name,
       source, null, 'LEAD:' || status, stage_entered_at, created_at, status, archived
from lead_fact;
insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, is_open, manager_id, title, source,
                             pipeline_id, stage, stage_entered_at, created_at, status, archived)
select gen, tenant_id, 'DEAL', deal_id, greatest(opened_at, owner_since, stage_entered_at, closed_at),
       status = 'OPEN' and not archived, manager_id, client_name, source, pipeline_id, cast(stage_id as text),
       stage_entered_at, opened_at, status, archived
from deal_fact;
insert into task_span (gen, tenant_id, task_id, valid_from, card_type, card_id, assignee_id, title, due_at, status)
select gen, tenant_id, task_id, greatest(created_at, closed_at), card_type, card_id, assignee_id, title, due_at, status
from task_fact;
insert into card_snooze_span (gen, tenant_id, card_type, card_id, since, snoozed_until, reason)
select gen, tenant_id, card_type, card_id, snoozed_at, snoozed_until, reason from card_snooze;

-- The open cards at a moment, with the columns of open_cards (V2026_12_10_42): the cards whose state then was open.
-- The last touch at the moment is the latest of the card's creation, its entering its stage then (a status change or
-- stage move is a touch, a deal's reopening moves its last touch too) and its touches kept in card_touch up to the
-- moment: what the live row's last_touched_at is, for any order the touches were applied in. At the moment of a
-- query, the live open_cards.
create function open_cards_at(p_gen int, p_tenant text, p_at timestamptz)
    returns table (card_type text, card_id uuid, manager_id uuid, title text, source text, pipeline_id uuid,
                   stage text, stage_label text, stage_entered_at timestamptz, created_at timestamptz,
                   last_touched_at timestamptz, status text)
    language sql stable as $$
select s.card_type, s.card_id, s.manager_id, s.title, s.source, s.pipeline_id, s.stage,
       case when s.card_type = 'LEAD' then 'Lead: ' || s.status else coalesce(n.name, s.stage) end,
       s.stage_entered_at, s.created_at,
       greatest(s.created_at, s.stage_entered_at,
                (select max(k.touched_at) from card_touch k
                 where k.gen = s.gen and k.tenant_id = s.tenant_id and k.card_type = s.card_type
                   and k.card_id = s.card_id and k.touched_at <= p_at)),
       case when s.card_type = 'LEAD' then s.status else 'OPEN' end
from card_state_span s
left join stage_name n on s.card_type = 'DEAL' and n.gen = s.gen and n.tenant_id = s.tenant_id
                      and cast(n.stage_id as text) = s.stage
where s.gen = p_gen and s.tenant_id = p_tenant and s.valid_from <= p_at and (s.valid_to is null or s.valid_to > p_at)
  and s.is_open
$$;

-- The snoozes holding at a moment (the columns card_snooze has).
create function card_snoozes_at(p_gen int, p_tenant text, p_at timestamptz)
    returns table (card_id uuid, snoozed_until timestamptz, reason text, snoozed_at timestamptz)
    language sql stable as $$
select z.card_id, z.snoozed_until, z.reason, z.since
from card_snooze_span z
where z.gen = p_gen and z.tenant_id = p_tenant and z.since <= p_at and (z.ended_at is null or z.ended_at > p_at)
  and z.snoozed_until > p_at
$$;

-- The tasks at a moment (the task_fact columns the metrics read), and whether a deal was archived then.
create function tasks_at(p_gen int, p_tenant text, p_at timestamptz)
    returns table (gen int, tenant_id text, task_id uuid, card_type text, card_id uuid, assignee_id uuid, title text,
                   due_at timestamptz, status text)
    language sql stable as $$
select t.gen, t.tenant_id, t.task_id, t.card_type, t.card_id, t.assignee_id, t.title, t.due_at, t.status
from task_span t
where t.gen = p_gen and t.tenant_id = p_tenant and t.valid_from <= p_at and (t.valid_to is null or t.valid_to > p_at)
$$;

create function deal_archived_at(p_gen int, p_tenant text, p_deal uuid, p_at timestamptz) returns boolean
    language sql stable as $$
select coalesce((select s.archived from card_state_span s
                 where s.gen = p_gen and s.tenant_id = p_tenant and s.card_type = 'DEAL' and s.card_id = p_deal
                   and s.valid_from <= p_at and (s.valid_to is null or s.valid_to > p_at)), false)
$$;
