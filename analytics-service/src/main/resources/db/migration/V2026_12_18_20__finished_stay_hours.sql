-- Issue 16: the finished stays summed per stage and whole hour of their length, so a stage's usual time reads a few
-- rows per stage instead of every stay the tenant ever finished (manager-load's usual days, and the rotting limit of
-- a stage without its own in manager-load, forgotten-cards and the DEALS_ROTTING alert: metric/load/StaleCards).
-- One row per (generation, tenant, card type, stage, whole hours of the stay's length, rounded down): how many stays
-- finished with that length and the sum of their exact lengths in seconds.
--  * usual days = sum(seconds) / sum(stays), exactly the mean of the finished stays;
--  * the 80th percentile is percentile_cont over the stays' lengths taken in whole hours (rounded down), computed
--    from the rows by their cumulative counts: exact at that resolution. Rot limits are days, so an hour's resolution
--    changes no rule a user sees; a stage's rows are at most the distinct hours its stays lasted (hundreds or a few
--    thousand, not one per stay).
-- Written in the statement that finishes a stay (projection/CardStays' moves, a deal's opening in DealProjection),
-- from the stays that statement actually finished (its update's and insert's returned rows): a stay is finished once
-- (left_at goes from null to a moment once, an insert already there does nothing), so a repeated event adds nothing.
-- No trigger. A tenant's rebuild and a replay move and clear these rows with card_stay (ReadModelTables).
-- FinishedStayRollupTest proves the rows give the same figures as card_stay.
create table card_stay_hour (
    gen       int     not null,
    tenant_id text    not null,
    card_type text    not null,   -- LEAD or DEAL
    stage     text    not null,   -- as card_stay.stage
    hours     int     not null,   -- floor(the stay's length in seconds / 3600)
    stays     bigint  not null,
    seconds   numeric not null,   -- the stays' exact lengths summed
    primary key (gen, tenant_id, card_type, stage, hours)
);
-- a finished stay mostly adds to a row that is there already (its stage's stays of that length): room in each page
-- keeps that update in its page (HOT, no index written; 449 rows of a 500-move batch on a scratch database: 6 buffers
-- and 2.5 WAL records a row instead of 12 and 4 with full pages). The table is small (a few thousand rows a tenant).
alter table card_stay_hour set (fillfactor = 50);

-- the stays finished before this migration
insert into card_stay_hour (gen, tenant_id, card_type, stage, hours, stays, seconds)
select gen, tenant_id, card_type, stage, floor(extract(epoch from (left_at - entered_at)) / 3600)::int, count(*),
       sum(extract(epoch from (left_at - entered_at)))
from card_stay where left_at is not null
group by 1, 2, 3, 4, 5;
