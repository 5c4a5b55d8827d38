-- The tenant's settings: one row per tenant, written when the head of sales first changes them (defaults until then).
create table tenant_settings (
    id                  uuid        primary key,
    tenant_id           text        not null unique,
    time_zone           text        not null,
    phone_region        text        not null,
    distribution_mode   text        not null,
    duplicate_policy    text        not null,
    unreached_threshold int         not null,
    stale_days          int         not null,
    version             bigint      not null default 0
);

-- ---- roster ----
create table team (
    id          uuid        primary key,
    tenant_id   text        not null,
    name        text        not null,
    created_at  timestamptz not null,
    version     bigint      not null default 0
);
create unique index team_tenant_name on team (tenant_id, lower(name));

create table manager (
    id               uuid        primary key,
    tenant_id        text        not null,
    name             text        not null,
    team_id          uuid        references team (id),
    capacity         int         not null,
    status           text        not null,
    hired_at         timestamptz not null,
    dismissed_at     timestamptz,
    -- when the manager last got a lead automatically: round robin gives the next lead to who waited longest
    last_assigned_at timestamptz,
    version          bigint      not null default 0
);
create index manager_tenant on manager (tenant_id);

-- the weekly shift schedule, in the tenant's time zone
create table manager_shift (
    manager_id  uuid    not null references manager (id) on delete cascade,
    day_of_week text    not null,
    start_time  time    not null,
    end_time    time    not null
);
create index manager_shift_manager on manager_shift (manager_id);

create table absence (
    id          uuid        primary key,
    tenant_id   text        not null,
    manager_id  uuid        not null references manager (id),
    kind        text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    comment     text,
    cleared_at  timestamptz,
    created_at  timestamptz not null
);
create index absence_manager on absence (tenant_id, manager_id);

-- ---- client base ----
create table client (
    id              uuid        primary key,
    tenant_id       text        not null,
    kind            text        not null,
    name            text,
    external_system text,
    external_id     text,
    merged_into_id  uuid        references client (id),
    created_at      timestamptz not null,
    version         bigint      not null default 0
);
create unique index client_external_ref on client (tenant_id, external_system, external_id)
    where external_system is not null;

create table client_contact (
    id          uuid    primary key,
    tenant_id   text    not null,
    client_id   uuid    not null references client (id),
    kind        text    not null,
    value       text    not null,
    raw         text
);
create index client_contact_lookup on client_contact (tenant_id, kind, value);
create index client_contact_client on client_contact (client_id);

-- ---- leads: intake details, lifecycle, distribution ----
alter table lead
    add column client_id            uuid references client (id),
    add column team_id              uuid,
    add column channel              text,
    add column campaign             text,
    add column utm_source           text,
    add column utm_medium           text,
    add column utm_campaign         text,
    add column utm_term             text,
    add column utm_content          text,
    add column phone_normalized     text,
    add column email_normalized     text,
    add column duplicate            boolean not null default false,
    add column duplicate_of_lead_id uuid,
    add column external_system      text,
    add column external_id          text,
    add column rejection_reason     text,
    add column status_comment       text,
    add column contact_attempts     int     not null default 0,
    add column failed_attempts      int     not null default 0,
    add column unreached            boolean not null default false,
    add column pipeline_id          uuid,
    add column converted_at         timestamptz,
    add column archived_at          timestamptz,
    add column assigned_at          timestamptz,
    add column last_changed_at      timestamptz;
update lead set last_changed_at = created_at where last_changed_at is null;
alter table lead alter column last_changed_at set not null;
create index lead_tenant_manager on lead (tenant_id, manager_id);
create index lead_tenant_phone on lead (tenant_id, phone_normalized);
create index lead_tenant_email on lead (tenant_id, email_normalized);
create unique index lead_external_ref on lead (tenant_id, external_system, external_id) where external_system is not null;

create table contact_attempt (
    id              uuid        primary key,
    tenant_id       text        not null,
    lead_id         uuid        not null references lead (id),
    outcome         text        not null,
    attempt_number  int         not null,
    comment         text,
    manager_id      uuid,
    attempted_at    timestamptz not null
);
create index contact_attempt_lead on contact_attempt (lead_id);

-- ---- card transfers: a tracked operation with its own id ----
create table card_transfer (
    id                  uuid        primary key,
    tenant_id           text        not null,
    from_manager_id     uuid        not null references manager (id),
    mode                text        not null,
    reason              text,
    status              text        not null,
    started_at          timestamptz not null,
    leads_completed_at  timestamptz,
    deals_completed_at  timestamptz,
    completed_at        timestamptz,
    version             bigint      not null default 0
);
create index card_transfer_from on card_transfer (tenant_id, from_manager_id);

create table card_transfer_receiver (
    transfer_id uuid not null references card_transfer (id) on delete cascade,
    position    int  not null,
    manager_id  uuid not null,
    primary key (transfer_id, position)
);

-- one row per card the transfer touched, lead-service's and deal-service's alike
create table card_transfer_item (
    id            uuid primary key,
    tenant_id     text not null,
    transfer_id   uuid not null references card_transfer (id),
    card_type     text not null,
    card_id       uuid not null,
    outcome       text not null,
    to_manager_id uuid,
    reason        text
);
create index card_transfer_item_transfer on card_transfer_item (transfer_id);
