-- A deal's history of changes (metric 13, the pipeline waterfall): deal_fact holds a deal only as it stands now, so
-- what was open at a past moment, its amount and expected close date then, cannot be read from it. Each deal event
-- writes the deal's state right after it (projection/DealProjection): status, owner, stage (for a win or a loss the
-- open stage it was closed from), amount, currency, expected close date, at the event's business time. The state of
-- a deal at a moment is its latest row before it. One row per event (the key holds the event id), so an event
-- applied again writes nothing; the read model's inbox (applied_event) already skips a repeat.
create table deal_change (
    gen                 int         not null,
    tenant_id           text        not null,
    deal_id             uuid        not null,
    event_id            uuid        not null,
    seq                 bigint      generated always as identity,  -- the order of writing (changes at one instant)
    kind                text        not null,  -- OPENED, STAGE_MOVED, UPDATED, WON, LOST, REOPENED, REASSIGNED
    changed_at          timestamptz not null,
    status              text        not null,
    manager_id          uuid        not null,
    stage_id            uuid        not null,
    amount              numeric     not null,
    currency            char(3)     not null,
    expected_close_date date,
    primary key (gen, tenant_id, deal_id, event_id)
);

create index deal_change_at on deal_change (gen, tenant_id, deal_id, changed_at, seq);

-- The deals applied before this migration have no history: each gets its opening as it stands now and, when closed,
-- its closing (amount and close date as they are now; a read-model rebuild replaces them with the real history).
insert into deal_change (gen, tenant_id, deal_id, event_id, kind, changed_at, status, manager_id, stage_id, amount,
                         currency, expected_close_date)
select gen, tenant_id, deal_id, deal_id, 'OPENED', opened_at, 'OPEN', manager_id,
       coalesce((select cast(s.stage as uuid) from card_stay s
                 where s.gen = d.gen and s.tenant_id = d.tenant_id and s.card_type = 'DEAL'
                   and s.card_id = d.deal_id order by s.entered_at limit 1), stage_id),
       amount, currency, expected_close_date
from deal_fact d
on conflict do nothing;

insert into deal_change (gen, tenant_id, deal_id, event_id, kind, changed_at, status, manager_id, stage_id, amount,
                         currency, expected_close_date)
select gen, tenant_id, deal_id, cast(md5(deal_id::text || ':closed') as uuid), status, closed_at, status, manager_id,
       coalesce((select cast(s.stage as uuid) from card_stay s
                 where s.gen = d.gen and s.tenant_id = d.tenant_id and s.card_type = 'DEAL'
                   and s.card_id = d.deal_id order by s.entered_at desc limit 1), stage_id),
       amount, currency, expected_close_date
from deal_fact d
where status in ('WON', 'LOST') and closed_at is not null
on conflict do nothing;
