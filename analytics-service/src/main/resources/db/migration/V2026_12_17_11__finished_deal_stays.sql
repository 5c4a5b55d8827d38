-- Issue 16: the rotting limit of a stage without its own (metric/load/StaleCards' rot_limit, in manager-load's,
-- forgotten-cards' and the DEALS_ROTTING alert's statements) is the 80th percentile of the deals' finished stays in
-- it, computed at each request over every finished stay of the tenant. This index holds just those stays and the two
-- moments, so the percentile reads them from the index alone (at 370 000 finished deal stays: 3 857 buffers instead
-- of the table's 13 243, and no sort spilled to disk), still exact. A stay enters it when the deal leaves the stage.
create index card_stay_finished_deal on card_stay (gen, tenant_id, stage) include (entered_at, left_at)
    where card_type = 'DEAL' and left_at is not null;
