-- Issue 20, point 6: rejection reasons editable per tenant. A tenant starts with the default catalogue (in code,
-- RejectionReasons.DEFAULTS); a row here is a reason the head of sales added, or a default they renamed or
-- deactivated (it then wins over the default of the same code). Rows are never deleted: a rejected lead keeps the
-- label of its reason. The id is derived from the tenant and the code, so a default has the same id before and after
-- its first change.
create table rejection_reason (
    id          uuid        primary key,
    tenant_id   text        not null,
    code        text        not null,
    label_ru    text        not null,
    label_en    text        not null,
    active      boolean     not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    unique (tenant_id, code)
);
