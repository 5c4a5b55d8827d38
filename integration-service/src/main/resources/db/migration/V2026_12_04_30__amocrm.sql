-- The amoCRM/Kommo webhook adapter (docs/amocrm.md). A connection is one amoCRM account of a tenant: its webhook
-- URL carries the connection id and a secret, of which only the SHA-256 is kept. The mapping (amoCRM pipelines,
-- statuses and users -> Sales Pulse pipelines, stages and managers) is the head's JSON document.
create table amocrm_connection (
    id                 uuid        primary key,
    tenant_id          text        not null,
    name               text        not null,
    external_system    text        not null,        -- the reference system of everything it sends (amocrm)
    secret_hash        text        not null,        -- hex SHA-256 of the secret; the secret itself is never stored
    mapping            text        not null,        -- the mapping as JSON (AmoCrmApi.Mapping)
    created_by         text        not null,
    created_at         timestamptz not null,
    secret_rotated_at  timestamptz not null,
    mapping_changed_at timestamptz,
    version            bigint      not null default 0,
    unique (tenant_id, external_system)
);

-- Every delivery as received, stored before the 200 answer: nothing amoCRM sent is lost.
create table amocrm_delivery (
    id                 bigserial   primary key,
    connection_id      uuid        not null references amocrm_connection (id) on delete cascade,
    received_at        timestamptz not null,
    body               text        not null,        -- the form body as sent
    entries            integer     not null,
    repeats            integer     not null         -- entries already stored from an earlier delivery
);

-- One entity change of a delivery (leads[status][0], contacts[add][1], task[update][0], leads[note][0], ...).
-- state: PENDING (to apply), APPLIED, PARKED (a mapping or link is missing: reason), SUPERSEDED (a newer change
-- of the card was applied), FAILED (the owner refused it: reason), IGNORED (nothing in Sales Pulse mirrors it).
create table amocrm_entry (
    id                 bigserial   primary key,
    connection_id      uuid        not null references amocrm_connection (id) on delete cascade,
    delivery_id        bigint      not null references amocrm_delivery (id) on delete cascade,
    entity             text        not null,        -- leads, contacts, task, ...
    action             text        not null,        -- add, update, status, responsible, delete, note, ...
    amo_id             text        not null,        -- the entity's id in amoCRM ('' when it had none)
    card               text        not null,        -- what it changes, in amoCRM terms: lead:123, contact:5, task:7
    occurred_at        timestamptz not null,        -- amoCRM's updated_at / last_modified / created_at
    fields             text        not null,        -- the entry's form fields as JSON (key below the index -> value)
    fields_hash        text        not null,        -- SHA-256 of fields: the same change delivered twice is one entry
    state              text        not null,
    reason             text,
    owner_status       integer,
    attempts           integer     not null default 0,
    next_attempt_at    timestamptz,
    received_at        timestamptz not null,
    applied_at         timestamptz,
    unique (connection_id, entity, amo_id, fields_hash)
);
create index amocrm_entry_pending on amocrm_entry (occurred_at, id) where state = 'PENDING';
create index amocrm_entry_card on amocrm_entry (connection_id, card, occurred_at);
create index amocrm_entry_state on amocrm_entry (connection_id, state, occurred_at, id);

-- The contact amoCRM linked to a lead (contacts[...][linked_leads_id]): the deal's client. The first one stays.
create table amocrm_lead_contact (
    connection_id      uuid        not null references amocrm_connection (id) on delete cascade,
    lead_id            text        not null,
    contact_id         text        not null,
    contact_name       text,
    primary key (connection_id, lead_id)
);
