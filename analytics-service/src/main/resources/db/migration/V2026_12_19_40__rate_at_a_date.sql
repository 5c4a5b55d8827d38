-- Issue 16, one rule for the rate at a date. An amount in another currency than the tenant's base one is converted at
-- the rate holding on the day that matters: 1 in the base currency itself, else the latest rate set on or before that
-- day (a correction of a day overwrites its rate, exchange_rate's key), none (null) before the currency's first rate.
-- Every reader converts by this function: the deal relation of metric/DealFacts (deal by deal, at the closing day or
-- today), the hourly rollups' readers (DealFacts.RATES_OF_DAYS: once per currency and day of the period, joined to
-- the rows by (currency, day), not once per row) and pipeline-change (at the period's last day). It replaces the view
-- exchange_rate_span (V2026_12_05_20), whose range join compared every row with every rate of its currency, and
-- DealFacts.RATE_OF_DAY, a second spelling of the rule.
--
-- A set-returning SQL function of one statement, so PostgreSQL inlines it into the calling query: read with
-- "left join lateral rate_at(...) x on true", it is an index probe on exchange_rate's key (the rate of the base
-- currency reads nothing), and a row without a rate keeps a null rate.
create function rate_at(p_gen int, p_tenant text, p_currency char(3), p_base text, p_day date)
    returns table (rate_to_base numeric) language sql stable parallel safe as $$
select 1::numeric where p_currency = p_base
union all
(select e.rate_to_base from exchange_rate e
 where p_currency <> p_base and e.gen = p_gen and e.tenant_id = p_tenant and e.currency = p_currency
   and e.rate_date <= p_day
 order by e.rate_date desc limit 1)
$$;

drop view exchange_rate_span;

-- Seasonality's wins over three years and plan-forecast's sales per day read won_deal_hour summed per hour and
-- currency (DealFacts.wonHours): this index hands them the period's rows in that order with the sums' columns, an
-- index-only scan and a streamed aggregate instead of reading the table and sorting it (at a million deals the rollup
-- holds about one row per won deal: 440 000 rows for three years, 6 800 buffers read this way against 54 000).
create index won_deal_hour_by_hour on won_deal_hour (gen, tenant_id, closed_hour, currency) include (deals, amount);
