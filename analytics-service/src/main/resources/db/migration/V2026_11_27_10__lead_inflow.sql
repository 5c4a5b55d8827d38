-- One row per lead that came in, as told by salespulse.lead.created.
create table lead_fact (
    tenant_id  text        not null,
    lead_id    uuid        not null,
    source     text        not null,
    manager_id uuid,
    created_at timestamptz not null,
    primary key (tenant_id, lead_id)
);
create index lead_fact_tenant_created on lead_fact (tenant_id, created_at);

-- How far the read model has got, per tenant: the answer's asOf.
create table projection_position (
    tenant_id       text        primary key,
    last_event_id   uuid        not null,
    last_event_time timestamptz not null,
    events_applied  bigint      not null,
    updated_at      timestamptz not null
);
