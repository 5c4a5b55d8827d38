-- CSV exports of amoCRM and Bitrix24 (docs/imports.md): one CSV row becomes several records of the job (a pipeline,
-- a manager, a client, the deal's states), and a row that cannot be mapped is stored already FAILED, so the error
-- report names the export's own row and column.
alter table import_job add column layout text;                  -- the CSV layout (amocrm-leads, ...); null for NDJSON
alter table import_row add column source_row integer;           -- the CSV row the record came from (the header is row 1)
alter table import_row add column source_columns text;          -- JSON: the record's field -> the CSV column it came from
