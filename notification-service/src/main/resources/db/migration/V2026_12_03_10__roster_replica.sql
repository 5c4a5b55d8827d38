-- A small replica of lead-service's roster (salespulse.roster.events): which managers and teams a tenant has, their
-- names, and who was dismissed. Subscriptions are checked against it and alert texts name managers from it. It lags
-- the roster by the time the event takes to arrive (eventual consistency, docs/notifications.md).
create table roster_manager (
    tenant_id     text        not null,
    id            uuid        not null,
    name          text,                           -- null when only the dismissal is known
    team_id       uuid,
    dismissed_at  timestamptz,                    -- set once the manager left; their own subscriptions end then
    primary key (tenant_id, id)
);

create table roster_team (
    tenant_id  text not null,
    id         uuid not null,
    name       text not null,
    primary key (tenant_id, id)
);

-- The manager's name as the alert event gave it (AlertRaised.managerName), for the resolution's texts.
alter table alert add column manager_name text;
