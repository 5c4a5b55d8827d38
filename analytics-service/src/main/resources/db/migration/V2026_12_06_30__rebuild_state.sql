-- The read-model rebuild's state, shared by every instance: whichever instance runs it writes its progress here, and
-- every instance answers GET /api/v1/read-model/rebuild from this table.
create table read_model_rebuild (
    id                  uuid        primary key,
    scope               text        not null check (scope in ('ALL_TENANTS')),
    state               text        not null check (state in ('RUNNING', 'SWAPPING', 'DONE', 'FAILED')),
    generation          int         not null,
    replaced_generation int         not null,
    requested_by        text        not null,
    instance            text        not null,                 -- the instance that runs it
    started_at          timestamptz not null,
    heartbeat_at        timestamptz not null,                 -- written at least every second while it runs
    finished_at         timestamptz,
    events_read         bigint      not null default 0,
    events_applied      bigint      not null default 0,
    events_skipped      bigint      not null default 0,
    events_total        bigint,                               -- null until the end offsets are read
    positions           jsonb       not null default '{}',    -- "topic-partition": next offset to read
    end_offsets         jsonb       not null default '{}',    -- "topic-partition": end offset when it began
    error               text
);

-- One rebuild at a time across instances: at most one row is running. A running row whose heartbeat is older than
-- salespulse.rebuild.stale-after (its instance died) is marked FAILED by the next start, which then takes over.
create unique index read_model_rebuild_one_running on read_model_rebuild ((true)) where state in ('RUNNING', 'SWAPPING');
create index read_model_rebuild_started on read_model_rebuild (started_at desc);
