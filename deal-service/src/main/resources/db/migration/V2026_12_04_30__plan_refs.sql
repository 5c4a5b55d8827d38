-- Issue 14: a plan may carry the reference it has in the tenant's own system, for PUT /api/v1/plans/by-ref.
alter table sales_plan add column external_system text;
alter table sales_plan add column external_id text;
create unique index sales_plan_external_ref on sales_plan (tenant_id, external_system, external_id)
    where external_system is not null;
