-- Issue 16, ingest: the shift each lead arrived in, worked out for a whole batch of leads in one query.
--
-- lead_shift (V2026_11_27_700) answered one lead per call: a PL/pgSQL call per lead created, each comparing the lead
-- with every shift window of the tenant and converting its time into the window's zone three times per window to test
-- the weekday and hours. lead_shifts answers many leads at once with the same rule: it converts each lead's time once
-- per time zone the tenant's windows use (a tenant has one or a few), finds the windows of that zone, weekday and
-- hours by plain comparisons, and ranks each lead's distinct windows (managers on the same hours share one) by when
-- they started. Among the windows valid then whose weekday and local [start, end) contain the instant, the one that
-- started most recently wins; ties go to the shorter window, then to the label. A lead no window contains has no row.
-- p_tenant and p_at are parallel arrays; n is the position (from 1) of the lead in them.
create function lead_shifts(p_gen int, p_tenant text[], p_at timestamptz[])
returns table (n bigint, shift text)
language sql stable as $$
    with lead as (
        select t.tenant_id, t.at, t.n from unnest(p_tenant, p_at) with ordinality t(tenant_id, at, n)
    ), zone as (
        select distinct w.tenant_id, w.time_zone from shift_window w
        where w.gen = p_gen and w.tenant_id in (select tenant_id from lead)
    ), local as materialized (
        -- materialized: each lead's time converted once per zone, not again for every window it is compared with
        select l.n, l.tenant_id, l.at, z.time_zone,
               cast(extract(isodow from l.at at time zone z.time_zone) as int) as day_of_week,
               cast(l.at at time zone z.time_zone as time) as local_time,
               cast(l.at at time zone z.time_zone as date) as local_date
        from lead l join zone z on z.tenant_id = l.tenant_id
    ), candidate as (
        -- managers on the same hours share a window: one row per lead and distinct window, ranked below
        select distinct l.n, l.local_date, w.time_zone, w.start_time, w.end_time, w.label
        from local l
        join shift_window w on w.gen = p_gen and w.tenant_id = l.tenant_id and w.day_of_week = l.day_of_week
            and w.time_zone = l.time_zone
            and w.valid_from <= l.at and (w.valid_to is null or l.at < w.valid_to)
            and l.local_time >= w.start_time and l.local_time < w.end_time
    )
    select distinct on (c.n) c.n, c.label
    from candidate c
    order by c.n, (c.local_date + c.start_time) at time zone c.time_zone desc, c.end_time - c.start_time, c.label
$$;

-- The one-lead form, kept for anything that asks for one instant: the same rule, through lead_shifts.
create or replace function lead_shift(p_gen int, p_tenant text, p_at timestamptz) returns text
language plpgsql stable as $$
begin
    return (select s.shift from lead_shifts(p_gen, array[p_tenant], array[p_at]) s);
end
$$;
