-- Issue 14: integrators send their own references and the time things happened.

-- External references: optional, both or neither, unique per tenant and entity kind.
alter table manager
    add column external_system text,
    add column external_id     text,
    -- the business time of the last change (hiring, profile change, dismissal): later changes may not be older
    add column last_changed_at timestamptz;
update manager set last_changed_at = coalesce(dismissed_at, hired_at);
alter table manager alter column last_changed_at set not null;
create unique index manager_external_ref on manager (tenant_id, external_system, external_id)
    where external_system is not null;

alter table team
    add column external_system text,
    add column external_id     text,
    add column last_changed_at timestamptz;
update team set last_changed_at = created_at;
alter table team alter column last_changed_at set not null;
create unique index team_external_ref on team (tenant_id, external_system, external_id)
    where external_system is not null;

alter table contact_attempt
    add column external_system text,
    add column external_id     text,
    add column recorded_at     timestamptz;
update contact_attempt set recorded_at = attempted_at;
alter table contact_attempt alter column recorded_at set not null;
create unique index contact_attempt_external_ref on contact_attempt (tenant_id, external_system, external_id)
    where external_system is not null;

-- A lead's last_changed_at is now the business time of its last change (what the stale-change rule compares);
-- last_recorded_at is when lead-service last wrote it (what the nightly stale rule reads, so that importing an old
-- history does not archive it the next night). created_at is the business time of intake, recorded_at when it was
-- taken in.
alter table lead
    add column recorded_at          timestamptz,
    add column last_recorded_at     timestamptz,
    add column deal_external_system text,
    add column deal_external_id     text;
update lead set recorded_at = created_at, last_recorded_at = last_changed_at;
alter table lead alter column recorded_at set not null;
alter table lead alter column last_recorded_at set not null;
