-- Replay rebuilds the read model into a fresh generation while the live one keeps answering, then swaps.
-- Every read-model row carries the generation it belongs to; queries read the live generation only.
create table read_model_generation (
    singleton  boolean     primary key default true check (singleton),
    live_gen   int         not null,
    swapped_at timestamptz not null
);
insert into read_model_generation (live_gen, swapped_at) values (1, now());

-- The read model's own inbox, per generation: a rebuild applies every event again into its generation, and
-- after the swap the live consumer skips what the rebuild already applied.
create table applied_event (
    gen        int  not null,
    event_id   uuid not null,
    primary key (gen, event_id)
);

alter table lead_fact add column gen int not null default 1;
alter table lead_fact drop constraint lead_fact_pkey;
alter table lead_fact add primary key (gen, tenant_id, lead_id);
drop index lead_fact_tenant_created;
create index lead_fact_tenant_created on lead_fact (gen, tenant_id, created_at);

alter table projection_position add column gen int not null default 1;
alter table projection_position drop constraint projection_position_pkey;
alter table projection_position add primary key (gen, tenant_id);

-- A tenant's settings; a tenant without a row uses the defaults (application.properties).
create table tenant_settings (
    tenant_id     text        primary key,
    time_zone     text        not null,
    base_currency char(3)     not null,
    weekend_days  text        not null,              -- ISO day numbers, comma separated: '6,7' = Saturday, Sunday
    updated_at    timestamptz not null,
    updated_by    text        not null
);

-- Exceptions to the weekly pattern: public holidays, weekend days made working, shortened pre-holiday days.
create table tenant_calendar_day (
    tenant_id  text not null,
    day        date not null,
    kind       text not null check (kind in ('HOLIDAY', 'WORKING', 'SHORT')),
    primary key (tenant_id, day)
);
