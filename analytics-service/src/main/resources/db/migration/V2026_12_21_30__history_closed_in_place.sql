-- The cards' history (card_state_span) closes an interval without touching an index (issue 16, f16-pgevent).
--
-- The scale run's profile (docs/benchmarks.md, "The merged main after stop 39's merges"): card_state_record, the
-- history's statement-trigger body, took 116 s of PostgreSQL's own time in the journeys phase, and none of
-- card_state_span's 656 468 updates was HOT. Every update closes an interval, i.e. sets valid_to, and valid_to was in
-- two indexes: the INCLUDE list of card_state_span_at and the predicate of the partial unique card_state_span_open.
-- So each closing wrote a new index entry into all three indexes' pages (and the insert of the new state three more),
-- where a HOT update writes none.
--
-- Now valid_to is in no index:
-- - The open interval is found by the primary key: it is always the card's latest interval (a change starts at the
--   open interval's start or later, V2026_12_13_20), so the last primary-key entry of (gen, tenant, type, card), if
--   its valid_to is null. card_state_span_open's uniqueness was only ever kept by these triggers, which write a
--   card's history under its fact row's lock.
-- - The readers of a moment (open_cards_at; AsOfRequests' start of the history) range over
--   (gen, tenant_id, valid_from) as before, through card_state_span_since, whose key is valid_from as a UTC timestamp:
--   an expression the history lookup never mentions, so no statistics can make the planner serve the lookup's
--   "latest valid_from of one card" from a walk of the tenant's history through it (the failure V2026_12_15_10
--   describes); the readers name the expression. Neither reader used the INCLUDE columns (their plans fetch the row
--   for the other columns anyway).
-- - fillfactor 85 leaves room on a page for the closed version of a row inserted there, so the closing can stay on
--   the page (pages written before this migration are full: their rows close non-HOT until pruning frees room).
-- card_state_record is one statement: the lookup once per change, the closing and the new state from it (without the
-- partial unique index the order of the two writes no longer matters). The rows written are those of V2026_12_15_10.

drop index card_state_span_open;
drop index card_state_span_at;
create index card_state_span_since on card_state_span (gen, tenant_id, (valid_from at time zone 'UTC'));
alter table card_state_span set (fillfactor = 85);

create or replace function card_state_record(p_changes card_state_change[]) returns void language plpgsql as $$
begin
    with c as (
        select x.*, o.row_id, o.open_from
        from unnest(p_changes) x
        left join lateral (select s.ctid as row_id, s.valid_from as open_from, s.valid_to from card_state_span s
                           where s.gen = x.gen and s.tenant_id = x.tenant_id and s.card_type = x.card_type
                             and s.card_id = x.card_id
                           order by s.valid_from desc
                           limit 1) o on o.valid_to is null
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

-- as V2026_12_12_40, the intervals begun by the moment read through card_state_span_since
create or replace function open_cards_at(p_gen int, p_tenant text, p_at timestamptz)
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
where s.gen = p_gen and s.tenant_id = p_tenant and (s.valid_from at time zone 'UTC') <= (p_at at time zone 'UTC')
  and (s.valid_to is null or s.valid_to > p_at) and s.is_open
$$;
