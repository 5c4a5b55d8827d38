-- Bulk import jobs (docs/imports.md). A job is a stored file of rows; the worker applies its rows in
-- row order, one at a time, each as the owning service's PUT by reference, and records each row's outcome here.
create table import_job (
    id                 uuid        primary key,
    tenant_id          text        not null,
    created_by         text        not null,        -- the uploader's token subject; the owners' calls act as it
    format             text        not null,        -- ndjson
    dry_run            boolean     not null,
    status             text        not null,        -- QUEUED, RUNNING, DONE, FAILED, CANCELLED
    total_rows         integer     not null,
    applied_rows       integer     not null default 0,
    failed_rows        integer     not null default 0,
    created_at         timestamptz not null,
    started_at         timestamptz,
    finished_at        timestamptz,
    cancel_requested   boolean     not null default false,
    failure_reason     text,                        -- why a FAILED job stopped (not a row's failure)
    waiting_reason     text,                        -- the transient trouble a RUNNING job is waiting out, if any
    version            bigint      not null default 0
);
create index import_job_tenant on import_job (tenant_id, created_at desc);
create index import_job_runnable on import_job (created_at) where status in ('QUEUED', 'RUNNING');

-- One row of a job's file. outcome: null while not applied; APPLIED, or FAILED with the owner's problem.
create table import_row (
    job_id             uuid        not null references import_job (id) on delete cascade,
    row_number         integer     not null,        -- 1-based line number in the file (blank lines are not rows)
    kind               text        not null,        -- manager, team, client, lead, ...
    external_system    text        not null,
    external_id        text        not null,
    body               text        not null,        -- the line as sent
    outcome            text,
    owner_status       integer,                     -- the owner's HTTP status of the last answer
    error_field        text,                        -- the first invalid field the owner named
    error_detail       text,
    error_problem      text,                        -- the owner's problem+json, as received
    applied_at         timestamptz,
    primary key (job_id, row_number)
);
create index import_row_failed on import_row (job_id, row_number) where outcome = 'FAILED';
