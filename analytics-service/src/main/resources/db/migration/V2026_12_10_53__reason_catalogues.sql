-- Issue 20, point 6: the tenants' rejection reasons (RejectionReasonChanged: added, renamed or (de)activated in
-- lead-service) and loss reasons renamed or deactivated (LossReasonChanged), so an answer shows a reason by the
-- tenant's label in its language. A code with no row here is labelled from lead-service's default catalogue.
create table rejection_reason (
    gen        int     not null,
    tenant_id  text    not null,
    code       text    not null,
    label_ru   text    not null,
    label_en   text    not null,
    active     boolean not null,
    primary key (gen, tenant_id, code)
);

alter table loss_reason add column active boolean not null default true;
