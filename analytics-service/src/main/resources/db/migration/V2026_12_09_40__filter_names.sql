-- The names of the teams and pipelines the metrics filter by (GET /api/v1/metrics/filters): the roster topic's
-- team-created and team-renamed, the deal topic's pipeline-created and pipeline-changed (projection/FilterNames).
-- Managers' names are in manager_fact, sources are the leads' and deals' own.
create table filter_name (
    gen       int  not null,
    tenant_id text not null,
    kind      text not null, -- TEAM or PIPELINE
    id        uuid not null,
    name      text not null,
    primary key (gen, tenant_id, kind, id)
);
