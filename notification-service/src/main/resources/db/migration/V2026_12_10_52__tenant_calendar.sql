-- Issue 20, point 6: one calendar per tenant, owned by lead-service's tenant settings. notification-service keeps a
-- replica from salespulse.roster.tenant-settings-changed (time zone, weekly days off, the dates that depart from the
-- weekly pattern, language) for the daily digest; a tenant without a row has the suite's defaults (Europe/Moscow,
-- Saturday and Sunday off, no holidays, ru). version is the settings' version: an older event never overwrites a
-- newer one.
create table tenant_calendar (
    tenant_id     text        primary key,
    time_zone     text        not null,
    weekend_days  text        not null,   -- ISO day numbers, e.g. '6,7'
    language      text        not null,
    version       bigint      not null,
    changed_at    timestamptz not null
);

create table tenant_calendar_day (
    tenant_id  text not null,
    day        date not null,
    kind       text not null check (kind in ('HOLIDAY', 'WORKING', 'SHORT')),
    primary key (tenant_id, day)
);
