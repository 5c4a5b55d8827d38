-- Issue 16, the open cards kept: one row per open card (a lead being worked, owned and not archived; a deal not won,
-- lost or archived), with the columns the "now" metrics read, so manager-load, forgotten-cards, the dismissed base and
-- the alert sweep read the tenant's open cards instead of every lead and deal it ever had (stop 35 at scale 0.1: the
-- open-cards statements took 3.1 s a call, the sweep's 48.6 ms, reading every lead and open deal of the big tenant).
--
-- Written by triggers on lead_fact and deal_fact, in the statement (so the transaction) that changes the card,
-- whichever projection statement that is (intake, status, assignment, stage move, touch, close, archive), set-based
-- per statement (transition tables): one statement a trigger, deleting the cards closed, updating those still open,
-- inserting those opened. A row is a function of its fact row alone, so a repeated event, a replay and a rebuild make
-- the same row (no count to drift). A fact row whose gen changes (a tenant's rebuild moving its rows) writes nothing:
-- ReadModelTables moves this table's rows as it moves the facts; a generation cleared
-- (salespulse.cleared_generation, V2026_12_15_50) skips the bookkeeping, ReadModelTables.clear deletes the rows
-- itself. The stage's label is not kept (a stage renamed in deal-service changes no deal row): open_cards joins
-- stage_name, a few rows a tenant.
-- OpenCardTableTest proves the rows equal open_cards_from_facts (the rule as V2026_12_10_42 wrote it).
create table open_card (
    gen              int         not null,
    tenant_id        text        not null,
    card_type        text        not null,   -- LEAD or DEAL
    card_id          uuid        not null,
    manager_id       uuid        not null,   -- the owner now
    title            text,
    source           text,
    pipeline_id      uuid,                   -- null for a lead
    stage            text        not null,   -- LEAD:<status> or the deal stage's id
    stage_entered_at timestamptz,
    created_at       timestamptz not null,
    last_touched_at  timestamptz,
    status           text        not null,   -- the lead's status, OPEN for a deal
    primary key (gen, tenant_id, card_type, card_id)
) with (fillfactor = 80);
-- per manager (manager-load's counts, a manager's drill-down, the alert sweep). No index on the last touch: a touch,
-- the commonest change, then updates the row in its page (HOT, room left by the fillfactor) without touching an index;
-- forgotten-cards asks for the cards untouched since the grace, most of the open cards, which a scan reads best.
create index open_card_manager on open_card (gen, tenant_id, manager_id, stage);

-- The rule from the facts, as open_cards read it until this migration (V2026_12_10_42): the backfill below and the
-- test's reference.
create function open_cards_from_facts(p_gen int, p_tenant text)
    returns table (card_type text, card_id uuid, manager_id uuid, title text, source text, pipeline_id uuid,
                   stage text, stage_label text, stage_entered_at timestamptz, created_at timestamptz,
                   last_touched_at timestamptz, status text)
    language sql stable as $$
select 'LEAD', l.lead_id, l.owner_id, l.client_name, l.source, cast(null as uuid), 'LEAD:' || l.status,
       'Lead: ' || l.status, l.stage_entered_at, l.created_at, l.last_touched_at, l.status
from lead_fact l
where l.gen = p_gen and l.tenant_id = p_tenant and l.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not l.archived
  and l.owner_id is not null
union all
select 'DEAL', d.deal_id, d.manager_id, d.client_name, d.source, d.pipeline_id, cast(d.stage_id as text),
       coalesce(s.name, cast(d.stage_id as text)), d.stage_entered_at, d.opened_at, d.last_touched_at, 'OPEN'
from deal_fact d left join stage_name s on s.gen = d.gen and s.tenant_id = d.tenant_id and s.stage_id = d.stage_id
where d.gen = p_gen and d.tenant_id = p_tenant and d.status = 'OPEN' and not d.archived
$$;

-- The same relation, from the kept rows: still inlined like a view, so a caller's filters reach the table's indexes.
create or replace function open_cards(p_gen int, p_tenant text)
    returns table (card_type text, card_id uuid, manager_id uuid, title text, source text, pipeline_id uuid,
                   stage text, stage_label text, stage_entered_at timestamptz, created_at timestamptz,
                   last_touched_at timestamptz, status text)
    language sql stable as $$
select c.card_type, c.card_id, c.manager_id, c.title, c.source, c.pipeline_id, c.stage,
       case when c.card_type = 'LEAD' then 'Lead: ' || c.status else coalesce(s.name, c.stage) end,
       c.stage_entered_at, c.created_at, c.last_touched_at, c.status
from open_card c
left join stage_name s on c.card_type = 'DEAL' and s.gen = c.gen and s.tenant_id = c.tenant_id
                      and cast(s.stage_id as text) = c.stage
where c.gen = p_gen and c.tenant_id = p_tenant
$$;

-- The statement's leads (or deals) written as they stand now, in one statement: on insert every new open row; on
-- update only the pairs of one card in one generation (a gen move's new key matches no old row: a tenant's rebuild
-- moves open_card's rows itself) whose kept columns changed (a repeated event, an amount corrected write nothing):
-- a card closed is deleted, one still open updated, one opened (reopened, owned, back in work) inserted.
create function open_card_lead_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
begin
    if tg_op = 'DELETE' then
        -- a whole generation cleared: ReadModelTables.clear deletes its open_card rows itself
        if cleared is null or exists (select 1 from old_rows o where o.gen <> cleared) then
            delete from open_card c using old_rows o
            where c.gen = o.gen and c.tenant_id = o.tenant_id and c.card_type = 'LEAD' and c.card_id = o.lead_id;
        end if;
        return null;
    end if;
    if tg_op = 'INSERT' then
        insert into open_card as c (gen, tenant_id, card_type, card_id, manager_id, title, source, pipeline_id, stage,
                                    stage_entered_at, created_at, last_touched_at, status)
        select n.gen, n.tenant_id, 'LEAD', n.lead_id, n.owner_id, n.client_name, n.source, null,
               'LEAD:' || n.status, n.stage_entered_at, n.created_at, n.last_touched_at, n.status
        from new_rows n
        where n.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not n.archived and n.owner_id is not null
        on conflict (gen, tenant_id, card_type, card_id) do update
            set manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
                stage = excluded.stage, stage_entered_at = excluded.stage_entered_at, created_at = excluded.created_at,
                last_touched_at = excluded.last_touched_at, status = excluded.status
            where (c.manager_id, c.title, c.source, c.stage, c.stage_entered_at, c.created_at, c.last_touched_at,
                   c.status) is distinct from
                  (excluded.manager_id, excluded.title, excluded.source, excluded.stage, excluded.stage_entered_at,
                   excluded.created_at, excluded.last_touched_at, excluded.status);
        return null;
    end if;
    -- the pairs of old and new rows of one lead in one generation whose open card changes
    with changed as (
        select n.*, o.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not o.archived and o.owner_id is not null
                        as was_open,
               n.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not n.archived and n.owner_id is not null as is_open
        from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.lead_id = n.lead_id
        where (o.owner_id, o.client_name, o.source, o.status, o.archived, o.stage_entered_at, o.created_at,
               o.last_touched_at) is distinct from
              (n.owner_id, n.client_name, n.source, n.status, n.archived, n.stage_entered_at, n.created_at,
               n.last_touched_at)
    ), closed as (
        delete from open_card c using changed n
        where not n.is_open and n.was_open
          and c.gen = n.gen and c.tenant_id = n.tenant_id and c.card_type = 'LEAD' and c.card_id = n.lead_id
    ), kept as (
        update open_card c
        set manager_id = n.owner_id, title = n.client_name, source = n.source, stage = 'LEAD:' || n.status,
            stage_entered_at = n.stage_entered_at, created_at = n.created_at, last_touched_at = n.last_touched_at,
            status = n.status
        from changed n
        where n.is_open and n.was_open
          and c.gen = n.gen and c.tenant_id = n.tenant_id and c.card_type = 'LEAD' and c.card_id = n.lead_id
    )
    insert into open_card as c (gen, tenant_id, card_type, card_id, manager_id, title, source, pipeline_id, stage,
                                stage_entered_at, created_at, last_touched_at, status)
    select n.gen, n.tenant_id, 'LEAD', n.lead_id, n.owner_id, n.client_name, n.source, null, 'LEAD:' || n.status,
           n.stage_entered_at, n.created_at, n.last_touched_at, n.status
    from changed n
    where n.is_open and not n.was_open
    on conflict (gen, tenant_id, card_type, card_id) do update
        set manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
            stage = excluded.stage, stage_entered_at = excluded.stage_entered_at, created_at = excluded.created_at,
            last_touched_at = excluded.last_touched_at, status = excluded.status;
    return null;
end
$$;

create function open_card_deal_changed() returns trigger language plpgsql as $$
declare
    cleared int := nullif(current_setting('salespulse.cleared_generation', true), '')::int;
begin
    if tg_op = 'DELETE' then
        if cleared is null or exists (select 1 from old_rows o where o.gen <> cleared) then
            delete from open_card c using old_rows o
            where c.gen = o.gen and c.tenant_id = o.tenant_id and c.card_type = 'DEAL' and c.card_id = o.deal_id;
        end if;
        return null;
    end if;
    if tg_op = 'INSERT' then
        insert into open_card as c (gen, tenant_id, card_type, card_id, manager_id, title, source, pipeline_id, stage,
                                    stage_entered_at, created_at, last_touched_at, status)
        select n.gen, n.tenant_id, 'DEAL', n.deal_id, n.manager_id, n.client_name, n.source, n.pipeline_id,
               cast(n.stage_id as text), n.stage_entered_at, n.opened_at, n.last_touched_at, 'OPEN'
        from new_rows n
        where n.status = 'OPEN' and not n.archived
        on conflict (gen, tenant_id, card_type, card_id) do update
            set manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
                pipeline_id = excluded.pipeline_id, stage = excluded.stage,
            stage_entered_at = excluded.stage_entered_at,
                created_at = excluded.created_at, last_touched_at = excluded.last_touched_at
            where (c.manager_id, c.title, c.source, c.pipeline_id, c.stage, c.stage_entered_at, c.created_at,
                   c.last_touched_at) is distinct from
                  (excluded.manager_id, excluded.title, excluded.source, excluded.pipeline_id, excluded.stage,
                   excluded.stage_entered_at, excluded.created_at, excluded.last_touched_at);
        return null;
    end if;
    with changed as (
        select n.*, o.status = 'OPEN' and not o.archived as was_open, n.status = 'OPEN' and not n.archived as is_open
        from new_rows n join old_rows o on o.gen = n.gen and o.tenant_id = n.tenant_id and o.deal_id = n.deal_id
        where (o.manager_id, o.client_name, o.source, o.pipeline_id, o.stage_id, o.status, o.archived,
               o.stage_entered_at, o.opened_at, o.last_touched_at) is distinct from
              (n.manager_id, n.client_name, n.source, n.pipeline_id, n.stage_id, n.status, n.archived,
               n.stage_entered_at, n.opened_at, n.last_touched_at)
    ), closed as (
        delete from open_card c using changed n
        where not n.is_open and n.was_open
          and c.gen = n.gen and c.tenant_id = n.tenant_id and c.card_type = 'DEAL' and c.card_id = n.deal_id
    ), kept as (
        update open_card c
        set manager_id = n.manager_id, title = n.client_name, source = n.source, pipeline_id = n.pipeline_id,
            stage = cast(n.stage_id as text), stage_entered_at = n.stage_entered_at, created_at = n.opened_at,
            last_touched_at = n.last_touched_at
        from changed n
        where n.is_open and n.was_open
          and c.gen = n.gen and c.tenant_id = n.tenant_id and c.card_type = 'DEAL' and c.card_id = n.deal_id
    )
    insert into open_card as c (gen, tenant_id, card_type, card_id, manager_id, title, source, pipeline_id, stage,
                                stage_entered_at, created_at, last_touched_at, status)
    select n.gen, n.tenant_id, 'DEAL', n.deal_id, n.manager_id, n.client_name, n.source, n.pipeline_id,
           cast(n.stage_id as text), n.stage_entered_at, n.opened_at, n.last_touched_at, 'OPEN'
    from changed n
    where n.is_open and not n.was_open
    on conflict (gen, tenant_id, card_type, card_id) do update
        set manager_id = excluded.manager_id, title = excluded.title, source = excluded.source,
            pipeline_id = excluded.pipeline_id, stage = excluded.stage,
            stage_entered_at = excluded.stage_entered_at,
            created_at = excluded.created_at, last_touched_at = excluded.last_touched_at;
    return null;
end
$$;

create trigger lead_fact_open_card_insert after insert on lead_fact referencing new table as new_rows
    for each statement execute function open_card_lead_changed();
create trigger lead_fact_open_card_update after update on lead_fact referencing old table as old_rows
    new table as new_rows for each statement execute function open_card_lead_changed();
create trigger lead_fact_open_card_delete after delete on lead_fact referencing old table as old_rows
    for each statement execute function open_card_lead_changed();
create trigger deal_fact_open_card_insert after insert on deal_fact referencing new table as new_rows
    for each statement execute function open_card_deal_changed();
create trigger deal_fact_open_card_update after update on deal_fact referencing old table as old_rows
    new table as new_rows for each statement execute function open_card_deal_changed();
create trigger deal_fact_open_card_delete after delete on deal_fact referencing old table as old_rows
    for each statement execute function open_card_deal_changed();

-- the backfill: every generation's and tenant's open cards from the facts
insert into open_card (gen, tenant_id, card_type, card_id, manager_id, title, source, pipeline_id, stage,
                       stage_entered_at, created_at, last_touched_at, status)
select l.gen, l.tenant_id, 'LEAD', l.lead_id, l.owner_id, l.client_name, l.source, null, 'LEAD:' || l.status,
       l.stage_entered_at, l.created_at, l.last_touched_at, l.status
from lead_fact l
where l.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not l.archived and l.owner_id is not null
union all
select d.gen, d.tenant_id, 'DEAL', d.deal_id, d.manager_id, d.client_name, d.source, d.pipeline_id,
       cast(d.stage_id as text), d.stage_entered_at, d.opened_at, d.last_touched_at, 'OPEN'
from deal_fact d
where d.status = 'OPEN' and not d.archived;
