-- Issue 14: tasks and activities by external reference, tasks with the business time of their last change.
alter table task add column external_system text;
alter table task add column external_id text;
create unique index task_external_ref on task (tenant_id, external_system, external_id)
    where external_system is not null;
alter table task add column last_change_at timestamptz;
update task set last_change_at = coalesce(closed_at, created_at);
alter table task alter column last_change_at set not null;
alter table task add column recorded_at timestamptz;
update task set recorded_at = created_at;
alter table task alter column recorded_at set not null;

alter table activity add column external_system text;
alter table activity add column external_id text;
create unique index activity_external_ref on activity (tenant_id, external_system, external_id)
    where external_system is not null;

-- a lead's external reference (LeadCreated), so a task or touch can name its lead card by reference
alter table known_lead add column external_system text;
alter table known_lead add column external_id text;
create index known_lead_external_ref on known_lead (tenant_id, external_system, external_id)
    where external_system is not null;
