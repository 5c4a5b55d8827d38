-- A tenant whose alerts must be evaluated again: an evaluation that found the tenant being evaluated (its advisory
-- lock taken, on this instance or another) leaves a row here and returns instead of waiting on a connection. The next
-- evaluation of the tenant deletes the rows it finds as it starts (it reads everything committed before them); every
-- instance's tick evaluates the tenants that still have one (AlertEngine). Rows are only ever inserted and deleted,
-- with no unique key: an insert never waits for the evaluation that is deleting the tenant's older rows.
create table alert_evaluation_due (
    request_id   bigint generated always as identity primary key,
    tenant_id    text        not null,
    requested_at timestamptz not null default now()
);
create index alert_evaluation_due_tenant on alert_evaluation_due (tenant_id);
