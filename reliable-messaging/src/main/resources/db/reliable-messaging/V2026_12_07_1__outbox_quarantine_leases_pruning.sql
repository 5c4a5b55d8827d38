-- A record the broker refuses for good (too large, invalid topic) is quarantined after a few attempts instead of
-- being retried for ever; later events of its aggregate wait behind it, other aggregates flow on.
alter table outbox_event add column attempts int not null default 0;   -- refused sends (transient failures not counted)
alter table outbox_event add column last_error text;
alter table outbox_event add column quarantined_at timestamptz;
create index outbox_event_refused on outbox_event (aggregate_id, seq) where attempts > 0 and published_at is null;

-- Leases: which instance runs a job (the relay, a pruning) now. Taken and renewed in short transactions, so no
-- connection or database lock is held while the job waits on the broker.
create table job_lease (
    name       text        primary key,
    holder     text        not null,
    expires_at timestamptz not null
);

-- consumed_event is pruned by age, in batches.
create index consumed_event_consumed_at on consumed_event (consumed_at);
