-- Metric 1's split by shift. Every manager's weekly shift windows as they were over time (from manager-hired,
-- manager-updated, ended by manager-dismissed), and on every lead the shift it arrived in.

-- One row per weekly window of one version of a manager's schedule, valid in [valid_from, valid_to).
-- A schedule change closes the open rows at the change's time and opens new ones, so older leads keep their shift.
create table shift_window (
    gen         int         not null,
    tenant_id   text        not null,
    manager_id  uuid        not null,
    valid_from  timestamptz not null,
    valid_to    timestamptz,                 -- open while null
    day_of_week int         not null check (day_of_week between 1 and 7),   -- ISO: 1 = Monday ... 7 = Sunday
    start_time  time        not null,        -- local, in time_zone
    end_time    time        not null,        -- local, exclusive; after start_time (same day)
    time_zone   text        not null,        -- an IANA zone, e.g. Europe/Moscow
    label       text        not null,        -- the shift's name: its local hours, e.g. '09:00–15:00'
    primary key (gen, tenant_id, manager_id, valid_from, day_of_week, start_time, end_time)
);
create index shift_window_day on shift_window (gen, tenant_id, day_of_week);

-- The shift the lead arrived in ('09:00–15:00'); null when it came outside every shift.
alter table lead_fact add column shift text;

-- The shift an instant falls in, for one tenant and generation: among the windows valid then whose weekday and
-- local [start, end) contain it, the one that started most recently wins; ties go to the shorter window, then
-- to the label (so the answer never depends on row order). Null when no window contains it.
-- Used when a lead is applied and when a schedule change re-derives the leads that came after it.
create function lead_shift(p_gen int, p_tenant text, p_at timestamptz) returns text
-- PL/pgSQL, not a plain SQL function: a SQL function with ORDER BY/LIMIT is planned again on every call (about a
-- millisecond per lead applied one at a time); PL/pgSQL keeps the plan for the session
language plpgsql stable as $$
begin
    return (
        select w.label
        from shift_window w
        where w.gen = p_gen and w.tenant_id = p_tenant
          and w.valid_from <= p_at and (w.valid_to is null or p_at < w.valid_to)
          and w.day_of_week = extract(isodow from p_at at time zone w.time_zone)
          and cast(p_at at time zone w.time_zone as time) >= w.start_time
          and cast(p_at at time zone w.time_zone as time) < w.end_time
        order by (cast(p_at at time zone w.time_zone as date) + w.start_time) at time zone w.time_zone desc,
                 w.end_time - w.start_time, w.label
        limit 1);
end
$$;
