-- A head of sales rebuilds their own tenant's read model (replay/ReadModelRebuild#startForTenant): the row names the
-- tenant, and is never shown to another tenant or as the all-tenant rebuild's progress.
alter table read_model_rebuild add column tenant text;
alter table read_model_rebuild drop constraint read_model_rebuild_scope_check;
alter table read_model_rebuild add constraint read_model_rebuild_scope_check
    check ((scope = 'ALL_TENANTS' and tenant is null) or (scope = 'TENANT' and tenant is not null));

-- One all-tenant rebuild at a time, and one rebuild at a time per tenant; they may run side by side.
drop index read_model_rebuild_one_running;
create unique index read_model_rebuild_one_running on read_model_rebuild ((true))
    where scope = 'ALL_TENANTS' and state in ('RUNNING', 'SWAPPING');
create unique index read_model_rebuild_one_per_tenant on read_model_rebuild (tenant)
    where scope = 'TENANT' and state in ('RUNNING', 'SWAPPING');
create index read_model_rebuild_tenant_started on read_model_rebuild (tenant, started_at desc);

-- A tenant's rebuild builds into a scratch generation of its own: minus the next value, so it is never a generation
-- the all-tenant rebuild uses (live + 1) nor another tenant's.
create sequence read_model_scratch_generation;
