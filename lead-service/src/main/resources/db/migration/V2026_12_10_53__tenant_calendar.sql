-- Issue 20, point 6: one calendar per tenant, from one place. lead-service's tenant settings own the tenant's time
-- zone, weekly days off, the dates that depart from them (holidays, weekend days made working, shortened days) and
-- its language; salespulse.roster.tenant-settings-changed carries them to every other service.
alter table tenant_settings add column weekend_days text not null default '6,7';   -- ISO day numbers
alter table tenant_settings add column language     text not null default 'ru' check (language in ('ru', 'en'));

create table tenant_calendar_day (
    settings_id uuid not null references tenant_settings (id) on delete cascade,
    day         date not null,
    kind        text not null check (kind in ('HOLIDAY', 'WORKING', 'SHORT')),
    primary key (settings_id, day)
);
