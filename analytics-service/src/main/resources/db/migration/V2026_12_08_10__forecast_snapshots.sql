-- Metric 9's forecasts kept day by day (issue 20): one row per tenant, plan owner, working day and forecast method,
-- the forecast as it stood at the close of that working day. A row is final once written (the job inserts with
-- "on conflict do nothing"), so a re-run or a late event never rewrites what was forecast. Like alerts, snapshots are
-- analytics' output, not read model: a read-model rebuild leaves them alone (docs/metrics.md, metric 9).
create table forecast_snapshot (
    tenant_id           text           not null,
    -- 'tenant', 'manager:<id>' or 'team:<id>': whose plan was forecast
    owner_key           text           not null,
    day                 date           not null,
    -- runRate, weightedPipeline or historicalCurve (metric 9's names)
    method              text           not null,
    month               text           not null,
    manager_id          uuid,
    team_id             uuid,
    -- the day is the n-th working day of its month by the tenant's calendar
    working_day         int            not null,
    -- the forecast of the month's sales (base currency) and of its won deals; null when the method had none
    amount              numeric(19, 2),
    deal_count          numeric(19, 2),
    plan_amount         numeric(19, 2),
    plan_deal_count     int,
    sold_to_date        numeric(19, 2) not null,
    won_to_date         int            not null,
    chance_to_meet_plan numeric(5, 4),
    -- LIVE: taken the day after; BACKFILL: computed later "as of" the day from the read model
    source              text           not null,
    taken_at            timestamptz    not null,
    primary key (tenant_id, owner_key, day, method)
);
create index forecast_snapshot_month on forecast_snapshot (tenant_id, owner_key, month);
