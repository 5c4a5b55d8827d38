-- Issue 20, stale deals. An archived deal leaves the "now" metrics (load, forgotten cards, overdue tasks, a dismissed
-- manager's base) and stays in the flow ones; a stage may carry its own rotting limit; a card (lead or deal) may be
-- snoozed until a moment.
alter table deal_fact add column archived boolean not null default false;

alter table stage_name add column rot_after_days int;

-- the cards snoozed in deal-service (salespulse.card.snoozed); a woken card's row is deleted, one whose moment passed
-- stays and is simply not snoozed any more: every reader compares snoozed_until with the query's now
create table card_snooze (
    gen           int         not null,
    tenant_id     text        not null,
    card_type     text        not null,
    card_id       uuid        not null,
    snoozed_until timestamptz not null,
    reason        text        not null,
    snoozed_at    timestamptz not null,
    primary key (gen, tenant_id, card_id)
);

-- the same relation as before (V2026_12_05_20), without archived deals
create or replace function open_cards(p_gen int, p_tenant text)
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
