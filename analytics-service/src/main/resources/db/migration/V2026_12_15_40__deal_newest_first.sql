-- Issue 16. The deal drill-downs' default order (metric/DealFacts NEWEST_FIRST: closed_at desc, opened_at desc,
-- deal_id) as an index, after the status the deal sets are read by: a page by cursor is one range scan from the
-- cursor's row (closed_at <= :k0 within the period), no sort, whatever the period's size; the first page the same from
-- the period's end. It replaces deal_fact_closed (gen, tenant_id, status, closed_at): the same leading columns, so
-- every range on closed_at it served (the figures, the rollup's triggers) it serves, read backwards where ascending,
-- and the deals keep one such index to write.
create index deal_fact_newest on deal_fact (gen, tenant_id, status, closed_at desc, opened_at desc, deal_id);
drop index deal_fact_closed;
