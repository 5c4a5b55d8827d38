-- Issue 16: base-burnout counts a tenant's touches per manager over its period and baseline (metric/burnout
-- BurnoutQuery; every evaluation of the BASE_BURNOUT alert does it over 120 days). The only index naming the moment,
-- activity_fact_manager, leads with the manager, so a read for every manager walked the tenant's whole history of
-- touches (a sequential scan of all of them on a scratch tenant: 46 155 buffers for 120 days out of three years).
-- By the moment, the read is bounded by its window: 6 963 buffers there. It costs each touch one more index entry,
-- on the right edge of the index (touches arrive in time order): a 500-touch insert 7 150 buffers and 2 520 WAL
-- records with it, 5 670 and 2 020 without.
create index activity_fact_moment on activity_fact (gen, tenant_id, occurred_at);
