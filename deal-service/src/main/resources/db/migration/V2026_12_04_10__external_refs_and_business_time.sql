-- Issue 14: integrators name deals by their own CRM's reference and send history with its business time.

-- a deal's external reference (system + id), unique per tenant; the old free-text external_ref stays as it was
alter table deal add column external_system text;
alter table deal add column external_id text;
create unique index deal_external_ref on deal (tenant_id, external_system, external_id)
    where external_system is not null;
-- the business time of the deal's last recorded change (opening, stage move, win, loss, reopen, reassignment,
-- terms), so a change older than that is refused as stale; recorded_at is when the deal row was first written
alter table deal add column last_change_at timestamptz;
update deal set last_change_at = coalesce(closed_at, opened_at);
alter table deal alter column last_change_at set not null;
alter table deal add column recorded_at timestamptz;
update deal set recorded_at = opened_at;
alter table deal alter column recorded_at set not null;

-- managers' and teams' external references, learnt from the roster events when lead-service sends them
alter table roster_manager add column external_system text;
alter table roster_manager add column external_id text;
create index roster_manager_external_ref on roster_manager (tenant_id, external_system, external_id)
    where external_system is not null;
alter table roster_team add column external_system text;
alter table roster_team add column external_id text;

-- when the lead came in (LeadCreated.createdAt), when deal-service learnt it
alter table known_lead add column taken_in_at timestamptz;

-- The tenant's clients as lead-service creates and merges them (ClientCreated, ClientsMerged), so a new client's
-- first deal can be opened directly, by id or by the client's external reference. Keyed by (tenant, client).
create table known_client (
    tenant_id       text        not null,
    client_id       uuid        not null,
    name            text,
    external_system text,
    external_id     text,
    merged_into     uuid,
    created_at      timestamptz,
    primary key (tenant_id, client_id)
);
create index known_client_external_ref on known_client (tenant_id, external_system, external_id)
    where external_system is not null;

-- products, pipelines and stages named by reference, so a deal's lines, pipeline and stage can be sent by reference
alter table product add column external_system text;
alter table product add column external_id text;
create unique index product_external_ref on product (tenant_id, external_system, external_id)
    where external_system is not null;
alter table pipeline add column external_system text;
alter table pipeline add column external_id text;
create unique index pipeline_external_ref on pipeline (tenant_id, external_system, external_id)
    where external_system is not null;
-- a stage's reference is unique within the tenant (an amoCRM status id is unique across its pipelines)
alter table stage add column external_system text;
alter table stage add column external_id text;
create unique index stage_external_ref on stage (tenant_id, external_system, external_id)
    where external_system is not null;
