-- The deal side of the read model (metrics 4-10), kept by deals/DealProjection from the salespulse.deal.events
-- topic. Every row carries its read-model generation, like lead_fact.

-- One row per deal as it stands now: its stage, status and terms. Amounts stay in the deal's currency; the
-- metrics convert with exchange_rate at the day that matters (the closing day, or today for open deals).
create table deal_fact (
    gen                   int         not null,
    tenant_id             text        not null,
    deal_id               uuid        not null,
    client_id             uuid        not null,
    client_name           text,
    manager_id            uuid        not null,
    pipeline_id           uuid        not null,
    source                text,
    stage_id              uuid        not null,
    stage_probability     int         not null,
    status                text        not null check (status in ('OPEN', 'WON', 'LOST')),
    amount                numeric     not null,
    currency              char(3)     not null,
    expected_close_date   date,
    repeat_sale           boolean     not null,
    referred_by_client_id uuid,
    opened_at             timestamptz not null,
    closed_at             timestamptz,
    loss_reason_kind      text,
    primary key (gen, tenant_id, deal_id)
);
create index deal_fact_closed on deal_fact (gen, tenant_id, status, closed_at);

-- The deal's product lines as they stand now (replaced on every update and on the win).
create table deal_line_fact (
    gen              int     not null,
    tenant_id        text    not null,
    deal_id          uuid    not null,
    line_no          int     not null,
    product_id       uuid    not null,
    product_name     text    not null,
    category         text    not null,
    quantity         numeric not null,
    unit_price       numeric not null,
    discount_percent numeric not null,
    amount           numeric not null,
    primary key (gen, tenant_id, deal_id, line_no)
);

-- Each stay of a deal in a stage: entered, left (null while it is there). Time per stage comes from here.
create table deal_stage_visit (
    gen        int         not null,
    tenant_id  text        not null,
    deal_id    uuid        not null,
    stage_id   uuid        not null,
    entered_at timestamptz not null,
    left_at    timestamptz,
    primary key (gen, tenant_id, deal_id, entered_at)
);

-- Exchange rates to the base currency by date; a correction overwrites the day's rate.
create table exchange_rate (
    gen          int     not null,
    tenant_id    text    not null,
    currency     char(3) not null,
    rate_date    date    not null,
    rate_to_base numeric not null,
    primary key (gen, tenant_id, currency, rate_date)
);

-- Monthly plans, as last set or changed.
create table sales_plan (
    gen        int     not null,
    tenant_id  text    not null,
    plan_id    uuid    not null,
    month      char(7) not null,
    scope      text    not null,
    manager_id uuid,
    team_id    uuid,
    amount     numeric not null,
    deal_count int     not null,
    primary key (gen, tenant_id, plan_id)
);

-- Touches with clients (metric 10: touches per client, do-not-contact requests, discounts offered).
create table activity_fact (
    gen              int         not null,
    tenant_id        text        not null,
    activity_id      uuid        not null,
    card_id          uuid        not null,
    client_id        uuid,
    manager_id       uuid        not null,
    discount_percent numeric,
    do_not_contact   boolean     not null,
    occurred_at      timestamptz not null,
    primary key (gen, tenant_id, activity_id)
);
create index activity_fact_manager on activity_fact (gen, tenant_id, manager_id, occurred_at);
