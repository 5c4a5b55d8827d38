-- CloudEvents pushed to POST /api/v1/events (docs/push.md) that their owner applied: the idempotency record.
-- An event is known by (tenant, source, id), as CloudEvents define an event's identity. The row is inserted before
-- the owner is called and holds the lock of that key until the outcome is stored in the same transaction, so two
-- concurrent posts of one event make one owner call; an event the owner refused is not kept (its row is deleted),
-- so it may be corrected and sent again under the same id.
create table push_event (
    tenant_id          text        not null,
    source             text        not null,        -- the CloudEvent source, as sent
    event_id           text        not null,        -- the CloudEvent id, as sent
    type               text        not null,        -- salespulse.deal.won, ...
    content_sha256     text        not null,        -- of type, subject, time and data (canonical JSON): a reused id with
                                                    -- other content is refused with 409
    owner_status       integer     not null,        -- the owner's answer, 201 or 200
    location           text,                        -- the owner's Location, when it created the entity
    owner_body         text,                        -- the owner's answer body, answered again to a repeat
    received_at        timestamptz not null,
    primary key (tenant_id, source, event_id)
);
