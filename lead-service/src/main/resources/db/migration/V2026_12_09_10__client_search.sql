-- GET /api/v1/clients?q= finds text anywhere in a client's name (lower(name) LIKE '%text%') or in a contact's
-- normalized value (value LIKE '%text%': e-mails are stored lower-cased, phones as E.164, so digits match a phone in
-- any notation). A B-tree cannot serve a pattern with a leading wildcard; a trigram GIN index on the same expression
-- can (pg_trgm, a trusted extension since PostgreSQL 13: the database owner may create it). The tenant's own
-- condition is checked on the few rows the indexes find. Text of one or two characters has no trigram and reads the
-- tenant's clients.
create extension if not exists pg_trgm;

create index client_name_trgm on client using gin (lower(name) gin_trgm_ops);
create index client_contact_value_trgm on client_contact using gin (value gin_trgm_ops);

-- the list itself: a tenant's live clients by name or by age
create index client_tenant_live_name on client (tenant_id, name) where merged_into_id is null;
create index client_tenant_live_created on client (tenant_id, created_at) where merged_into_id is null;
