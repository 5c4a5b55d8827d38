-- Issue 16, the rate at a date defined once. Until now the rule lived in three places: the function rate_at
-- (V2026_12_19_40, over exchange_rate) and two Java spellings over the kept table rate_day (V2026_12_21_10):
-- DealFacts.RATE_AT (deal by deal) and DealFacts.RATES_OF_DAYS (every currency and day of a period, with the "after
-- the newest rate, the newest row" fallback written a second time). Both are now SQL functions here, and the Java side
-- only calls them.
--
-- The rule: an amount in another currency than the tenant's base one is converted at the rate holding on the day that
-- matters: 1 in the base currency itself, else the latest rate set on or before that day (a correction of a day
-- overwrites its rate), none (null) before the currency's first rate. rate_day holds that rate for every day from a
-- currency's first rate up to its newest (exchange_rate filled forward by projection/DealProjection.exchangeRate), so
-- the latest rate on or before a day is rate_day's newest row on or before it.

-- The rate of one currency on one day: always one row, null without a rate. Read with "cross join lateral
-- rate_of_day(...) x". Written as a set-returning SQL function of one select without FROM, because that is the form
-- PostgreSQL inlines and then pulls up into the caller: the row's rate becomes the caller's own expression, "case
-- when currency = base then 1 else coalesce((day's row), (newest row before)) end", the plan the Java text had (one
-- scalar subquery per row in another currency, none in the base one). A scalar SQL function is never inlined when its
-- body reads a table (a subquery), so it would run as a function call per row.
-- The day's row is probed by equality first: it is the newest row on or before the day whenever it exists (every day
-- from the first rate to the newest has one), and a probe of "day <= d order by day desc limit 1" reads the same
-- buffers but took 2.4 times as long on a scratch tenant (a backward range scan reads a whole leaf page of entries).
-- The backward probe only runs for a day after the currency's newest rate (the newest row) or before its first
-- (nothing).
create function rate_of_day(p_gen int, p_tenant text, p_currency char(3), p_base text, p_day date)
    returns table (rate_to_base numeric) language sql stable parallel safe as $$
select case when p_currency = p_base then cast(1 as numeric) else coalesce(
    (select r.rate_to_base from rate_day r
     where r.gen = p_gen and r.tenant_id = p_tenant and r.currency = p_currency and r.day = p_day),
    (select r.rate_to_base from rate_day r
     where r.gen = p_gen and r.tenant_id = p_tenant and r.currency = p_currency and r.day < p_day
     order by r.day desc limit 1)) end
$$;

-- rate_of_day for every currency the tenant has rates for, and its base currency, on every day of [first, last]: a
-- few thousand rows for three years, whatever the tenant's volume, which a rollup's rows join by (currency, day)
-- (metric/DealFacts.RATES_OF_DAYS). A currency without any rate has no row, so a rollup row in it keeps a null rate.
-- Not rate_of_day called per currency and day (a probe each: 2 900 probes of 3-4 buffers for the 48 months a 12-month
-- burnout reads; on a scratch tenant, probing only the 852 days without a row already read 2 584 buffers against the
-- range's 25), but the same answers read in one range of rate_day's key:
-- - a day up to the currency's newest rate reads its own row of rate_day, which is rate_of_day's answer for it (the
--   newest row on or before the day), or none before the currency's first rate (rate_of_day's null);
-- - a day after the newest rate has rate_of_day's answer on the newest rate's day (no rate was set in between): one
--   rate_of_day per currency, kept from being pulled up into every day by "offset 0";
-- - the base currency counts as having its newest rate at -infinity, so every day takes rate_of_day's 1 (rate_day
--   may hold rows of it: it keeps every currency of exchange_rate, whatever the base, which a calendar may change).
-- Inlined into the caller as well (one select, stable, not strict): the plan is the one of the Java text it replaces.
create function rates_of_days(p_gen int, p_tenant text, p_base text, p_first_day date, p_last_day date)
    returns table (currency char(3), day date, rate_to_base numeric) language sql stable parallel safe as $$
select c.currency, g.day, case when g.day > c.newest then c.newest_rate else r.rate_to_base end
from (select c.currency, c.newest, n.rate_to_base as newest_rate
      from (select e.currency, max(e.rate_date) as newest from exchange_rate e
              where e.gen = p_gen and e.tenant_id = p_tenant and e.currency <> p_base group by e.currency
            union all select cast(p_base as char(3)), cast('-infinity' as date)) c
      cross join lateral rate_of_day(p_gen, p_tenant, c.currency, p_base, c.newest) n
      offset 0) c
cross join (select cast(g.day as date) as day from generate_series(cast(p_first_day as timestamp),
    cast(p_last_day as timestamp), interval '1 day') g(day)) g
left join rate_day r on r.gen = p_gen and r.tenant_id = p_tenant and r.currency = c.currency and r.day = g.day
    and r.day between p_first_day and p_last_day
$$;

-- rate_at read exchange_rate by the same rule; every reader now calls rate_of_day, and RateDayTest proves rate_day
-- against the rates it sent, so the second definition goes.
drop function rate_at(int, text, char(3), text, date);
