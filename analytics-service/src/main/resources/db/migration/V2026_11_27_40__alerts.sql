-- A tenant's alert thresholds; a threshold without a row has its default (alert/Threshold.java).
create table alert_threshold (
    tenant_id  text        not null,
    name       text        not null,
    value      numeric     not null,
    updated_at timestamptz not null,
    updated_by text        not null,
    primary key (tenant_id, name)
);

-- Every alert raised, open until resolved. Alerts are analytics' output, not part of the read model: a replay
-- leaves them alone, and the next evaluation resolves what no longer holds.
create table alert (
    alert_id      uuid        primary key,
    tenant_id     text        not null,
    alert_type    text        not null,
    condition_key text        not null,
    manager_id    uuid,
    severity      text        not null,
    title         text        not null,
    drill_down    text        not null,
    raised_at     timestamptz not null,
    resolved_at   timestamptz
);
-- one open alert per condition: the engine relies on it, the index guarantees it
create unique index alert_one_open_per_condition on alert (tenant_id, condition_key) where resolved_at is null;
