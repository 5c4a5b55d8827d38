-- GET /api/v1/deals?q= finds text anywhere in the client's name or the deal's external id, in any case:
-- lower(column) LIKE '%text%'. A B-tree cannot serve a pattern with a leading wildcard; a trigram GIN index on the
-- same lower(...) expression can (pg_trgm, a trusted extension since PostgreSQL 13: the database owner may create
-- it). The two indexes are combined by a BitmapOr, and the tenant's own condition is checked on the few rows found.
-- Patterns of one or two characters have no trigram and fall back to the tenant's rows (a page of them, sorted).
create extension if not exists pg_trgm;

create index deal_client_name_trgm on deal using gin (lower(client_name) gin_trgm_ops);
create index deal_external_id_trgm on deal using gin (lower(external_id) gin_trgm_ops);

-- the period filters: opened, closed and expected close, each within the tenant
create index deal_tenant_opened on deal (tenant_id, opened_at);
create index deal_tenant_closed on deal (tenant_id, closed_at) where closed_at is not null;
create index deal_tenant_expected_close on deal (tenant_id, expected_close_date) where expected_close_date is not null;
