-- Who gets which alerts, where and when. A manager's subscription (owner_manager_id set) covers only their alerts.
create table subscription (
    id                uuid        primary key,
    tenant_id         text        not null,
    person_id         uuid,                        -- the roster person it is for, when it names one
    owner_manager_id  uuid,                        -- set when a manager created it
    channel           text        not null,        -- WEBHOOK, EMAIL, BOT
    webhook_url       text,
    webhook_secrets   text,                        -- 'whsec_…' secrets, newest first, space-separated (two during rotation)
    email             text,
    bot_chat_id       text,
    alert_types       jsonb       not null,        -- empty: every type
    manager_ids       jsonb       not null,        -- empty: every manager
    team_ids          jsonb       not null,        -- empty: every team
    language          text        not null,        -- ru, en
    time_zone         text        not null,
    quiet_from        time,
    quiet_to          time,
    daily_digest      boolean     not null,
    active            boolean     not null,
    failing           boolean     not null,
    consecutive_dead  integer     not null,
    created_at        timestamptz not null,
    created_by        text        not null,
    version           bigint      not null default 0
);
create index subscription_tenant on subscription (tenant_id) where active;

-- The alerts seen, one row per alert id: what is open (for the digest), what a resolution refers to.
create table alert (
    id             uuid        primary key,
    tenant_id      text        not null,
    alert_type     text        not null,
    condition_key  text        not null,
    manager_id     uuid,
    team_id        uuid,
    severity       text        not null,
    title          text        not null,
    raised_at      timestamptz not null,
    resolved_at    timestamptz
);
create index alert_open on alert (tenant_id) where resolved_at is null;

-- The durable delivery queue: one row per alert x subscription x kind (and per subscription x day for digests).
-- The sender claims due rows with SELECT ... FOR UPDATE SKIP LOCKED; a row is its own retry state.
create table delivery (
    id               uuid        primary key,      -- also the webhook-id, the same on every retry
    tenant_id        text        not null,
    subscription_id  uuid        not null references subscription (id),
    alert_id         uuid        references alert (id),
    condition_key    text,
    kind             text        not null,         -- RAISED, RESOLVED, DIGEST
    digest_date      date,                         -- the subscriber's local date of a digest
    status           text        not null,         -- PENDING, DELIVERED, DEAD, SUPPRESSED, CANCELLED
    payload          text        not null,         -- the message data (JSON), fixed at creation so every retry sends the same
    attempts         integer     not null,
    created_at       timestamptz not null,
    first_due_at     timestamptz not null,         -- the retry budget's age counts from here (quiet hours do not spend it)
    next_attempt_at  timestamptz not null,
    last_attempt_at  timestamptz,
    delivered_at     timestamptz,
    last_status_code integer,
    last_error       text,
    note             text
);
create unique index delivery_once on delivery (alert_id, subscription_id, kind) where alert_id is not null;
create unique index delivery_digest_once on delivery (subscription_id, digest_date) where kind = 'DIGEST';
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_subscription on delivery (subscription_id, created_at);
create index delivery_condition on delivery (subscription_id, condition_key, created_at) where kind = 'RAISED';

-- Every attempt to send a delivery, for the delivery log.
create table delivery_attempt (
    id            uuid        primary key,
    tenant_id     text        not null,
    delivery_id   uuid        not null references delivery (id),
    number        integer     not null,
    started_at    timestamptz not null,
    duration_ms   bigint      not null,
    status_code   integer,
    succeeded     boolean     not null,
    error         text
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, number);
