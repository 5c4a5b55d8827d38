-- The write-path reference (issue 16): POST /api/v1/ops/write-probe inserts one row here in one transaction, so a
-- benchmark can set deal opening beside the least a write through the same HTTP, token check, Hibernate and
-- connection pool costs. Nothing reads it; it is written only when salespulse.write-probe.enabled is on.
create table write_probe (
    id         uuid        primary key,
    tenant_id  text        not null,
    written_at timestamptz not null
);
