-- Issue 16, the journeys' apply (f16-journeys): the cards' history (card_state_span) written once a transaction
-- instead of once a statement.
--
-- A batch of journey events changes a card several times (created, worked, converted; a deal opened, moved through
-- its stages, won), each change by another statement, and card_state_record (V2026_12_22_40) wrote each change at
-- once: a probe of the card's open interval, its closing (an update) and the new interval (an insert). So a card
-- changed five times in a batch had four intervals inserted open and closed again in the same transaction, and those
-- closings cannot stay on their page (HOT) once its free room is used: an old version is pruned only after its
-- transaction ends (31 % of card_state_span's updates were HOT in the scale 0.1 journeys phase).
--
-- Now card_state_record notes the changes (an unlogged table keyed by the transaction, in the order recorded), and the
-- transaction writes them when it commits (a deferred constraint trigger, as the rollups' fold, V2026_12_19_20): per
-- card, one probe of its open interval, at most one closing, and its new intervals inserted already closed but the
-- last. The rows are those the changes one after another wrote:
-- - each change starts at the latest of its own moment and the starts before it (the open interval's included): a
--   change never starts before the interval it closes;
-- - changes starting at one instant make one interval, with the last one's state (the earlier ones were replaced by
--   the conflict clause) and the first one's created_at (the clause never set it);
-- - the open interval is closed at the first new start if it began before it, else the first new interval replaces it
--   (the same conflict clause, which now also sets valid_to: the next start, or null for the last).
-- Nothing reads card_state_span in the transaction that changes a card (its readers are the metrics), and the rows are
-- written under the facts' row locks, so no other transaction writes the same card in between. A test or tool that
-- wants the rows inside its transaction runs `set constraints all immediate` (the fold then runs at once, and again
-- at the next change). The lead creations' first intervals (V2026_12_23_20) and the tasks' history stay immediate: a
-- creation precedes any change of its lead, and nothing else writes a lead's first interval.
create unlogged table card_state_pending (
    xid              xid8        not null default pg_current_xact_id(),
    call             int         not null,   -- card_state_record's call in the transaction, from 1
    i                int         not null,   -- the change's place in the call
    gen              int         not null,
    tenant_id        text        not null,
    card_type        text        not null,
    card_id          uuid        not null,
    valid_from       timestamptz not null,
    is_open          boolean     not null,
    manager_id       uuid,
    title            text,
    source           text,
    pipeline_id      uuid,
    stage            text,
    stage_entered_at timestamptz,
    created_at       timestamptz not null,
    status           text        not null,
    archived         boolean     not null
);
create index card_state_pending_xid on card_state_pending (xid);

-- one row per transaction that noted changes: its insert schedules the write at the commit
create unlogged table card_state_fold_due (
    xid xid8 primary key
);

create or replace function card_state_record(p_changes card_state_change[]) returns void language plpgsql as $$
declare
    -- the calls are counted in the transaction (a setting local to it), so its changes keep their order
    v_call int := coalesce(nullif(current_setting('salespulse.card_state_calls', true), '')::int, 0) + 1;
begin
    perform set_config('salespulse.card_state_calls', v_call::text, true);
    insert into card_state_pending (call, i, gen, tenant_id, card_type, card_id, valid_from, is_open, manager_id,
                                    title, source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
    select v_call, x.i, x.gen, x.tenant_id, x.card_type, x.card_id, x.valid_from, x.is_open, x.manager_id, x.title,
           x.source, x.pipeline_id, x.stage, x.stage_entered_at, x.created_at, x.status, x.archived
    from unnest(p_changes) with ordinality x(gen, tenant_id, card_type, card_id, valid_from, is_open, manager_id,
                                             title, source, pipeline_id, stage, stage_entered_at, created_at, status,
                                             archived, i);
    -- the first call in the transaction (or since its last fold) schedules the write at the commit
    if v_call = 1 then
        insert into card_state_fold_due values (pg_current_xact_id()) on conflict do nothing;
    end if;
end $$;

create function card_state_fold() returns trigger language plpgsql as $$
begin
    perform set_config('salespulse.card_state_calls', '', true);
    delete from card_state_fold_due where xid = pg_current_xact_id();
    with p as materialized (
        delete from card_state_pending where xid = pg_current_xact_id() returning *
    ), card as materialized (
        select distinct gen, tenant_id, card_type, card_id from p
    ), o as (
        -- the card's open interval: its latest, by one backward probe of the primary key (V2026_12_22_40)
        select c.gen, c.tenant_id, c.card_type, c.card_id, s.row_id, s.open_from
        from card c
        join lateral (select s.ctid as row_id, s.valid_from as open_from, s.valid_to, s.gen, s.tenant_id,
                             s.card_type, s.card_id
                      from card_state_span s
                      where (s.gen, s.tenant_id, s.card_type, s.card_id, s.valid_from)
                            <= (c.gen, c.tenant_id, c.card_type, c.card_id, 'infinity')
                      order by s.gen desc, s.tenant_id desc, s.card_type desc, s.card_id desc, s.valid_from desc
                      limit 1) s
            on s.gen = c.gen and s.tenant_id = c.tenant_id and s.card_type = c.card_type and s.card_id = c.card_id
           and s.valid_to is null
    ), x as materialized (
        -- each change's start: the latest of its moment and every start before it, the open interval's (call 0,
        -- first in the card's order) included; read as one ordered stream, not a join of the changes with their cards
        select u.*,
               max(u.valid_from) over (partition by u.gen, u.tenant_id, u.card_type, u.card_id
                                       order by u.call, u.i rows unbounded preceding) as starts,
               lead(u.valid_from) over (partition by u.gen, u.tenant_id, u.card_type, u.card_id
                                        order by u.call, u.i) as next_from
        from (select 0 as call, 0 as i, o.gen, o.tenant_id, o.card_type, o.card_id, o.open_from as valid_from,
                     o.row_id, null::boolean as is_open, null::uuid as manager_id, null::text as title,
                     null::text as source, null::uuid as pipeline_id, null::text as stage,
                     null::timestamptz as stage_entered_at, null::timestamptz as created_at, null::text as status,
                     null::boolean as archived
              from o
              union all
              select p.call, p.i, p.gen, p.tenant_id, p.card_type, p.card_id, p.valid_from, null::tid, p.is_open,
                     p.manager_id, p.title, p.source, p.pipeline_id, p.stage, p.stage_entered_at, p.created_at,
                     p.status, p.archived
              from p) u
    ), closed as (
        -- the open interval ends where the card's first change starts, if that is later
        update card_state_span t set valid_to = o.next_from
        from x o
        where o.call = 0 and t.ctid = o.row_id and t.card_id = o.card_id and o.valid_from < o.next_from
    ), y as (
        select x.*, first_value(x.created_at) over (partition by x.gen, x.tenant_id, x.card_type, x.card_id, x.starts
                                                    order by x.call, x.i) as first_created_at
        from x
        where x.call > 0
    ), span as (
        -- one interval per start, the last change's state
        select distinct on (gen, tenant_id, card_type, card_id, starts) *
        from y
        order by gen, tenant_id, card_type, card_id, starts, call desc, i desc
    ), s as (
        select span.*, lead(starts) over (partition by gen, tenant_id, card_type, card_id order by starts) as ends
        from span
    )
    insert into card_state_span (gen, tenant_id, card_type, card_id, valid_from, valid_to, is_open, manager_id, title,
                                 source, pipeline_id, stage, stage_entered_at, created_at, status, archived)
    select s.gen, s.tenant_id, s.card_type, s.card_id, s.starts, s.ends, s.is_open, s.manager_id, s.title, s.source,
           s.pipeline_id, s.stage, s.stage_entered_at, s.first_created_at, s.status, s.archived
    from s
    order by s.gen, s.tenant_id, s.card_type, s.card_id, s.starts
    on conflict (gen, tenant_id, card_type, card_id, valid_from) do update set valid_to = excluded.valid_to,
        is_open = excluded.is_open, manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
        pipeline_id = excluded.pipeline_id, stage = excluded.stage, stage_entered_at = excluded.stage_entered_at,
        status = excluded.status, archived = excluded.archived;
    return null;
end $$;

create constraint trigger card_state_written_at_commit after insert on card_state_fold_due
    deferrable initially deferred for each row execute function card_state_fold();
