-- One deal projection (deals/DealProjection): deal_fact takes over what deal_card kept (owner and since when, when
-- the deal entered its stage, its touches), the deals' stage stays live only in card_stay (card type DEAL, next to
-- the leads'), and deal_card and deal_stage_visit are dropped. deal_fact also records the team each deal counts for
-- (deals/DealTeams), from each manager's team history in manager_team_stay.

alter table deal_fact add column owner_since      timestamptz;
alter table deal_fact add column stage_entered_at timestamptz;
alter table deal_fact add column last_touched_at  timestamptz;
alter table deal_fact add column first_touched_at timestamptz;   -- the first touch after opening
alter table deal_fact add column team_id          uuid;          -- the owner's team at closing; for an open deal, now

update deal_fact f set owner_since = c.owner_since, stage_entered_at = c.stage_entered_at,
                       last_touched_at = c.last_touched_at, first_touched_at = c.first_touched_at
from deal_card c
where c.gen = f.gen and c.tenant_id = f.tenant_id and c.deal_id = f.deal_id;
-- a deal deal_card never saw (its win arrived without its opening): what the deal's own dates say
update deal_fact set owner_since = opened_at, stage_entered_at = coalesce(closed_at, opened_at),
                     last_touched_at = coalesce(closed_at, opened_at)
where owner_since is null;

alter table deal_fact alter column owner_since      set not null;
alter table deal_fact alter column stage_entered_at set not null;
alter table deal_fact alter column last_touched_at  set not null;
create index deal_fact_manager_open on deal_fact (gen, tenant_id, manager_id) where status = 'OPEN';
create index deal_fact_client on deal_fact (gen, tenant_id, client_id);

-- stays deal_stage_visit had and card_stay had not
insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at, left_at)
select gen, tenant_id, 'DEAL', deal_id, cast(stage_id as text), entered_at, left_at from deal_stage_visit
on conflict do nothing;

drop table deal_stage_visit;
drop table deal_card;

-- Each manager's team from a moment on: one row at hiring, one per change of team (team_id null: in no team).
create table manager_team_stay (
    gen        int         not null,
    tenant_id  text        not null,
    manager_id uuid        not null,
    since      timestamptz not null,
    team_id    uuid,
    primary key (gen, tenant_id, manager_id, since)
);
-- the roster so far knows only each manager's team now: it stands for the whole history
insert into manager_team_stay (gen, tenant_id, manager_id, since, team_id)
select gen, tenant_id, manager_id, hired_at, team_id from manager_fact;
update deal_fact d set team_id = m.team_id
from manager_fact m
where m.gen = d.gen and m.tenant_id = d.tenant_id and m.manager_id = d.manager_id;
