-- The card model shared by the load, forgotten-cards and dismissed-base metrics (and part B's deal metrics):
-- where every lead and deal stands now, its tasks, the stages it passed, the roster and the card transfers.
-- Every table carries the read-model generation (see V2026_11_27_30).

-- lead_fact grows from "a lead came in" to the lead's current state
alter table lead_fact add column status            text not null default 'NEW';   -- NEW, IN_WORK, QUALIFIED, REJECTED, CONVERTED
alter table lead_fact add column owner_id          uuid;                          -- the current owner (manager_id is the owner at intake)
alter table lead_fact add column owner_since       timestamptz;
alter table lead_fact add column client_name       text;
alter table lead_fact add column team_id           uuid;
alter table lead_fact add column rejection_reason  text;
alter table lead_fact add column rejected_at       timestamptz;
alter table lead_fact add column rejected_by       uuid;                          -- the owner when it was rejected
alter table lead_fact add column unreached         boolean not null default false;
alter table lead_fact add column archived          boolean not null default false;
alter table lead_fact add column stage_entered_at  timestamptz;
alter table lead_fact add column last_touched_at   timestamptz;
alter table lead_fact add column closed_at         timestamptz;
alter table lead_fact add column first_touched_at  timestamptz;                   -- the first touch after intake
update lead_fact set owner_id = manager_id, owner_since = created_at, stage_entered_at = created_at,
                     last_touched_at = created_at;

-- where a deal stands now
create table deal_card (
    gen              int         not null,
    tenant_id        text        not null,
    deal_id          uuid        not null,
    manager_id       uuid        not null,
    owner_since      timestamptz not null,
    pipeline_id      uuid        not null,
    stage_id         uuid        not null,
    status           text        not null,   -- OPEN, WON, LOST
    source           text,
    client_name      text,
    opened_at        timestamptz not null,
    stage_entered_at timestamptz not null,
    last_touched_at  timestamptz not null,
    first_touched_at timestamptz,              -- the first touch after opening
    closed_at        timestamptz,
    primary key (gen, tenant_id, deal_id)
);
create index deal_card_manager on deal_card (gen, tenant_id, manager_id) where status = 'OPEN';

-- every stay of a card in a stage (a lead's status counts as its stage): open while left_at is null
create table card_stay (
    gen        int         not null,
    tenant_id  text        not null,
    card_type  text        not null,   -- LEAD or DEAL
    card_id    uuid        not null,
    stage      text        not null,   -- LEAD:<status> or the deal stage's id
    entered_at timestamptz not null,
    left_at    timestamptz,
    primary key (gen, tenant_id, card_type, card_id, entered_at, stage)
);
create index card_stay_stage on card_stay (gen, tenant_id, stage);

create table stage_name (
    gen         int  not null,
    tenant_id   text not null,
    stage_id    uuid not null,
    pipeline_id uuid not null,
    name        text not null,
    position    int  not null,
    kind        text not null,
    primary key (gen, tenant_id, stage_id)
);

create table task_fact (
    gen         int         not null,
    tenant_id   text        not null,
    task_id     uuid        not null,
    card_type   text        not null,
    card_id     uuid        not null,
    assignee_id uuid        not null,
    title       text        not null,
    due_at      timestamptz not null,
    status      text        not null,   -- OPEN, DONE, CANCELLED
    created_at  timestamptz not null,
    closed_at   timestamptz,
    primary key (gen, tenant_id, task_id)
);
create index task_fact_open on task_fact (gen, tenant_id, card_id) where status = 'OPEN';

create table manager_fact (
    gen          int         not null,
    tenant_id    text        not null,
    manager_id   uuid        not null,
    name         text        not null,
    team_id      uuid,
    capacity     int         not null,
    hired_at     timestamptz not null,
    dismissed_at timestamptz,
    primary key (gen, tenant_id, manager_id)
);

-- a card transfer and every card it moved: the cohort metric 12 follows
create table transfer_fact (
    gen             int         not null,
    tenant_id       text        not null,
    transfer_id     uuid        not null,
    from_manager_id uuid        not null,
    reason          text,
    started_at      timestamptz not null,
    primary key (gen, tenant_id, transfer_id)
);
create table transfer_card (
    gen           int         not null,
    tenant_id     text        not null,
    transfer_id   uuid        not null,
    card_type     text        not null,
    card_id       uuid        not null,
    to_manager_id uuid        not null,
    moved_at      timestamptz not null,
    first_touched_at timestamptz,              -- the new owner's first touch after the move
    primary key (gen, tenant_id, transfer_id, card_type, card_id)
);
