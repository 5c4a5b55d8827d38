-- Issue 16: card_stay_finished_deal (V2026_12_17_11) let the rotting limit's percentile read every finished deal stay
-- from an index at each request. The live figure now reads the rollup card_stay_hour (V2026_12_18_20); only a past
-- moment (asOf=) still reads the stays, which it did without this index before V2026_12_17_11. The index cost every
-- write that finishes a stay: its predicate and columns name left_at, so setting left_at could never be a heap-only
-- update and wrote a new entry in every index of card_stay (a 500-move batch on a scratch database with 370 000
-- finished deal stays: the leaving update 8 600-9 200 buffers and 2 000 WAL records with it, 5 500 and 950 without).
-- Dropped, the moves statement with its rollup costs about what it cost before the rollup (docs/benchmarks.md).
drop index card_stay_finished_deal;
