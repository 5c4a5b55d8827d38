-- The transactional outbox: a business change and the events it emits commit together in one transaction.
-- The relay publishes unpublished rows in seq order and marks them; nothing else writes here.
create table outbox_event (
    id             uuid        primary key,           -- the CloudEvent id
    seq            bigserial   not null unique,       -- insertion order, used for ordering only, never as a cursor
    tenant_id      text        not null,
    aggregate_type text        not null,
    aggregate_id   uuid        not null,
    event_type     text        not null,
    topic          text        not null,
    payload        bytea       not null,              -- the encoded CloudEvent (structured JSON)
    created_at     timestamptz not null,
    published_at   timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- The consumer's log of applied events, written in the same transaction as the projection it guards.
create table consumed_event (
    event_id    uuid        primary key,
    tenant_id   text        not null,
    event_type  text        not null,
    consumed_at timestamptz not null
);
