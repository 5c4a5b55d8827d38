-- Issue 13. A tenant's language for the labels of its answers (null: the default, salespulse.tenant.language) and
-- how long a card without a task is given before it counts as forgotten (null: salespulse.tenant.forgotten-grace).
alter table tenant_settings add column language text check (language in ('ru', 'en'));
alter table tenant_settings add column forgotten_grace_hours int check (forgotten_grace_hours between 0 and 720);

-- The loss reasons of a tenant's catalogue (LossReasonAdded), to show a lost deal's reason by its label in the
-- tenant's language: labels by language when deal-service sent them, else the one label.
create table loss_reason (
    gen        int  not null,
    tenant_id  text not null,
    code       text not null,
    kind       text not null,
    label      text not null,
    label_ru   text,
    label_en   text,
    primary key (gen, tenant_id, code)
);

-- A lost deal's reason code besides its kind (kept from DealLost.reasonCode from now on; older rows have none).
alter table deal_fact add column loss_reason_code text;
