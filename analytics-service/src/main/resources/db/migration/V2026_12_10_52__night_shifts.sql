-- Issue 20, point 7: a night shift that crosses midnight (22:00–06:00) is one shift.
--
-- A window whose end_time is before its start_time starts on its day_of_week and ends on the next day: MONDAY
-- 22:00–06:00 holds Monday 22:00 to Tuesday 06:00, so a lead at 23:30 on Monday and one at 02:00 on Tuesday are both
-- in the shift '22:00–06:00' (a Sunday window runs into Monday). A lead is matched against the windows of its own
-- weekday (the part from the start to midnight, or the whole window for a day shift) and against the night windows
-- of the weekday before (the part after midnight, to the end). The rule among several windows is unchanged: the one
-- that started most recently wins (a night window's part after midnight started the day before), then the shorter
-- window (a night window lasts end - start + 24 hours), then the label. Day windows are answered exactly as before.
create or replace function lead_shifts(p_gen int, p_tenant text[], p_at timestamptz[])
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
        select distinct l.n, l.local_date + w.start_time as started, w.time_zone, w.start_time, w.end_time, w.label
        from local l
        join shift_window w on w.gen = p_gen and w.tenant_id = l.tenant_id and w.day_of_week = l.day_of_week
            and w.time_zone = l.time_zone
            and w.valid_from <= l.at and (w.valid_to is null or l.at < w.valid_to)
            and l.local_time >= w.start_time and (l.local_time < w.end_time or w.end_time < w.start_time)
        union
        -- the hours after midnight of a night window that started the weekday before
        select distinct l.n, (l.local_date - 1) + w.start_time as started, w.time_zone, w.start_time, w.end_time,
               w.label
        from local l
        join shift_window w on w.gen = p_gen and w.tenant_id = l.tenant_id
            and w.day_of_week = case when l.day_of_week = 1 then 7 else l.day_of_week - 1 end
            and w.time_zone = l.time_zone
            and w.valid_from <= l.at and (w.valid_to is null or l.at < w.valid_to)
            and w.end_time < w.start_time and l.local_time < w.end_time
    )
    select distinct on (c.n) c.n, c.label
    from candidate c
    order by c.n, c.started at time zone c.time_zone desc,
        case when c.end_time > c.start_time then c.end_time - c.start_time
             else c.end_time - c.start_time + interval '24 hours' end,
        c.label
$$;
