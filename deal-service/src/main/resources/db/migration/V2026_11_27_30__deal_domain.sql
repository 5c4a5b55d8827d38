-- deal-service's own tables. Every table carries tenant_id (Hibernate discriminator multitenancy).

create table pipeline (
    id              uuid        primary key,
    tenant_id       text        not null,
    name            text        not null,
    default_pipeline boolean    not null,
    created_at      timestamptz not null,
    version         bigint      not null default 0
);
-- at most one default pipeline per tenant, even when two first requests race to create it
create unique index pipeline_one_default on pipeline (tenant_id) where default_pipeline;

create table stage (
    id          uuid    primary key,
    tenant_id   text    not null,
    pipeline_id uuid    not null references pipeline (id),
    name        text    not null,
    position    int     not null,
    probability int     not null check (probability between 0 and 100),
    kind        text    not null
);
create index stage_pipeline on stage (pipeline_id);

create table product (
    id          uuid          primary key,
    tenant_id   text          not null,
    name        text          not null,
    category    text          not null,
    unit        text          not null,
    list_price  numeric(19,4) not null,
    currency    char(3)       not null,
    active      boolean       not null,
    created_at  timestamptz   not null,
    version     bigint        not null default 0
);
create index product_tenant_name on product (tenant_id, name);

create table currency_settings (
    id            uuid        primary key,
    tenant_id     text        not null unique,
    base_currency char(3)     not null,
    updated_at    timestamptz not null
);

create table exchange_rate (
    id           uuid           primary key,
    tenant_id    text           not null,
    currency     char(3)        not null,
    rate_date    date           not null,
    rate_to_base numeric(19,8)  not null,
    set_at       timestamptz    not null,
    unique (tenant_id, currency, rate_date)
);

create table loss_reason (
    id         uuid        primary key,
    tenant_id  text        not null,
    code       text        not null,
    label      text        not null,
    kind       text        not null,
    created_at timestamptz not null,
    unique (tenant_id, code)
);

create table deal (
    id                    uuid          primary key,
    tenant_id             text          not null,
    client_id             uuid          not null,
    client_name           text,
    manager_id            uuid          not null,
    pipeline_id           uuid          not null references pipeline (id),
    stage_id              uuid          not null references stage (id),
    status                text          not null,
    amount                numeric(19,4) not null,
    currency              char(3)       not null,
    expected_close_date   date,
    source                text          not null,
    referred_by_client_id uuid,
    repeat_sale           boolean       not null,
    lead_id               uuid,
    external_ref          text,
    lost_reason_code      text,
    opened_at             timestamptz   not null,
    closed_at             timestamptz,
    version               bigint        not null default 0
);
-- a converted lead opens exactly one deal, however often its event is delivered
create unique index deal_one_per_lead on deal (tenant_id, lead_id) where lead_id is not null;
create index deal_manager_status on deal (tenant_id, manager_id, status);
create index deal_client on deal (tenant_id, client_id);

create table deal_line (
    deal_id          uuid          not null references deal (id),
    line_no          int           not null,
    product_id       uuid          not null references product (id),
    product_name     text          not null,
    category         text          not null,
    quantity         numeric(19,4) not null,
    unit_price       numeric(19,4) not null,
    discount_percent numeric(7,4)  not null,
    primary key (deal_id, line_no)
);
create index deal_line_product on deal_line (product_id);

create table task (
    id               uuid        primary key,
    tenant_id        text        not null,
    card_type        text        not null,
    card_id          uuid        not null,
    type             text        not null,
    title            text        not null,
    assignee_id      uuid        not null,
    due_at           timestamptz not null,
    status           text        not null,
    reschedule_count int         not null default 0,
    outcome          text,
    created_at       timestamptz not null,
    closed_at        timestamptz,
    version          bigint      not null default 0
);
create index task_assignee_status on task (tenant_id, assignee_id, status);
create index task_card on task (tenant_id, card_type, card_id);

create table activity (
    id                       uuid         primary key,
    tenant_id                text         not null,
    card_type                text         not null,
    card_id                  uuid         not null,
    client_id                uuid,
    manager_id               uuid         not null,
    type                     text         not null,
    direction                text         not null,
    outcome                  text         not null,
    duration_seconds         int,
    discount_offered_percent numeric(7,4),
    do_not_contact           boolean      not null,
    occurred_at              timestamptz  not null,
    recorded_at              timestamptz  not null
);
create index activity_card on activity (tenant_id, card_type, card_id);

create table sales_plan (
    id          uuid          primary key,
    tenant_id   text          not null,
    month       text          not null,
    scope       text          not null,
    owner_id    uuid          not null,
    amount      numeric(19,4) not null,
    deal_count  int           not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 0,
    unique (tenant_id, month, scope, owner_id)
);

create table card_transfer (
    id              uuid        primary key,
    tenant_id       text        not null,
    from_manager_id uuid        not null,
    to_manager_ids  text        not null,
    mode            text        not null,
    reason          text,
    started_at      timestamptz not null,
    completed_at    timestamptz not null
);

create table card_transfer_item (
    transfer_id   uuid not null references card_transfer (id),
    item_no       int  not null,
    card_type     text not null,
    card_id       uuid not null,
    to_manager_id uuid,
    failure       text,
    primary key (transfer_id, item_no)
);
