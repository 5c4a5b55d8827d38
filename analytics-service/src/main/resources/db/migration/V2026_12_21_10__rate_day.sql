-- Issue 16, the rate of every day kept: rate_day holds, per currency, one row for every day from the currency's first
-- rate up to its newest rate's date, each with the rate holding that day (the latest rate set on or before it,
-- exchange_rate's rows filled forward). The readers convert by an equality on (currency, day) instead of asking
-- rate_at (V2026_12_19_40) for the latest rate before each day: once the scale dataset got a rate a day (2 202
-- rates), the metrics' RATES_OF_DAYS probed rate_at once per currency and day of the period (19.7 ms a call for
-- three years of days); it now reads the period's rows of rate_day in key order.
--
-- The rule stays rate_at's, which is kept as its one definition (and as what the kept table is proven equal to,
-- RateDayTest): 1 in the tenant's base currency (the readers give it; rate_day holds every currency exchange_rate
-- holds, whatever the base, which a tenant's calendar may change), the latest rate on or before the day, null (no
-- row) before the currency's first rate. Days after a currency's newest rate have no row: a reader takes the newest
-- row of the currency for them (metric/DealFacts.RATE_AT, RATES_OF_DAYS), which is rate_at's answer there too. So
-- no job has to move a horizon forward every day, and a day before the first rate stays without a row.
--
-- Kept by the exchange-rate projection (projection/DealProjection.exchangeRate) in the transaction that writes
-- exchange_rate: a new or corrected rate rewrites, in one statement, the days from the rate before it up to the day
-- before the next rate (or its own day when it is the newest), so a rate arriving out of order, before the first
-- one or after a gap, leaves the same rows as the rates applied in date order. Two rates of one currency never apply
-- side by side (their batches hold the currency: projection/EventApplier.currency), as each reads the other's row.
-- A rebuild's generation is filled the same way by the replayed events; the table is in
-- ReadModelTables.FACT_TABLES, so it is cleared and moved by generation and tenant with exchange_rate.
create table rate_day (
    gen          int     not null,
    tenant_id    text    not null,
    currency     char(3) not null,
    day          date    not null,
    rate_to_base numeric not null,
    primary key (gen, tenant_id, currency, day)
);

-- The rates already applied, filled forward: each rate holds from its date up to the day before the currency's next
-- rate, the newest one its own day.
insert into rate_day (gen, tenant_id, currency, day, rate_to_base)
select e.gen, e.tenant_id, e.currency, cast(g.day as date), e.rate_to_base
from (select e.*, lead(e.rate_date) over (partition by e.gen, e.tenant_id, e.currency order by e.rate_date)
          as next_date
      from exchange_rate e) e
cross join generate_series(cast(e.rate_date as timestamp), cast(coalesce(e.next_date - 1, e.rate_date) as timestamp),
    interval '1 day') g(day);
