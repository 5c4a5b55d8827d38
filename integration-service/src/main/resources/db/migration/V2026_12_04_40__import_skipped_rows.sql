-- Rows an owner answered 409 stale-change: the card already holds a later state, so the row changes nothing. They
-- are neither applied nor failed (a re-import of the same file is not a failure): outcome SKIPPED, counted apart, and
-- listed with the owner's answer at /api/v1/imports/{id}/skipped (docs/imports.md).
alter table import_job add column skipped_rows integer not null default 0;
create index import_row_skipped on import_row (job_id, row_number) where outcome = 'SKIPPED';
