create table lead (
    id          uuid        primary key,
    tenant_id   text        not null,
    source      text        not null,
    client_name text,
    phone       text,
    email       text,
    comment     text,
    manager_id  uuid,
    status      text        not null,
    created_at  timestamptz not null,
    version     bigint      not null default 0
);
create index lead_tenant_created on lead (tenant_id, created_at);
