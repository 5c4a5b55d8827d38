-- Issue 16. The deal metrics' figures read a period's won (or lost) deals by the range of deal_fact_newest (gen,
-- tenant_id, status, closed_at) and then each deal's row from the heap: average-check's checks, deal-cycle's cycles,
-- repeat-sales' shares and base-burnout's losses. At scale 1 a 12-month period is about 330 000 won deals scattered
-- through a heap the stream keeps rewriting, one heap visit each. The index now carries, after its key, every column
-- those statements read (the owner, pipeline and source the filters and groups use, the currency and amount a check
-- converts, the client and referrer repeat-sales counts by, the loss's kind base-burnout counts), so they are index-only
-- scans: the heap is visited only for a page not yet all-visible (recent changes, until autovacuum marks them). At rest
-- on scale 0.1's read model, 12 months (22 349 won deals), with the medians of one sort (metric/Stats, the same step;
-- alone 5-10 %): average-check's statement 262 -> 61 ms, deal-cycle's 182 ->
-- 60 ms, repeat-sales' 380 -> 160 ms, base-burnout's losses over 48 months 200 -> 56 ms once vacuumed (120, 120, 225,
-- 130 ms with a third of the deals on pages changed since the last autovacuum). The key is unchanged (the
-- drill-downs' order and every range it served) and it is one index still, so a deal's insert adds no entry; the
-- columns it now carries were indexed already (owner, status, closing, client) but for the pipeline, source,
-- currency, amount, referrer and loss kind, whose change on an open deal (new terms) is no longer a HOT update.
drop index deal_fact_newest;
create index deal_fact_newest on deal_fact (gen, tenant_id, status, closed_at desc, opened_at desc, deal_id)
    include (manager_id, pipeline_id, source, currency, amount, client_id, referred_by_client_id, loss_reason_kind)
    where status is not null;
