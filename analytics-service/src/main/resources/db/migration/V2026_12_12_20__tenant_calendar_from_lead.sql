-- Issue 20, point 6: lead-service owns the tenant's time zone, weekly days off, calendar days and language; analytics
-- keeps them from roster.tenant-settings-changed (projection/TenantCalendarProjection), per generation like every
-- projection, so a rebuild makes them again from the events. A tenant with no such event has the defaults
-- (application.properties). What a head had set on analytics' own settings is dropped: it is set in lead-service now.
-- tenant_settings keeps what only analytics reads (base currency, forgotten cards' grace).
alter table tenant_settings drop column time_zone, drop column weekend_days, drop column language;
drop table tenant_calendar_day;

create table tenant_calendar (
    gen          int         not null,
    tenant_id    text        not null,
    time_zone    text        not null,
    weekend_days text        not null,              -- ISO day numbers, comma separated: '6,7' = Saturday, Sunday
    language     text        not null check (language in ('ru', 'en')),
    version      bigint      not null,              -- the settings' version in lead-service: an older one changes nothing
    changed_at   timestamptz not null,
    primary key (gen, tenant_id)
);

-- The dates that depart from the weekly pattern, as the latest applied event lists them.
create table tenant_calendar_day (
    gen        int  not null,
    tenant_id  text not null,
    day        date not null,
    kind       text not null check (kind in ('HOLIDAY', 'WORKING', 'SHORT')),
    primary key (gen, tenant_id, day)
);
