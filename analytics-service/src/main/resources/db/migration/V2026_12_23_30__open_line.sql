-- Issue 16, the open deals' lines kept: one row per product line of a deal whose status is OPEN, so popular-products'
-- offered figures read the tenant's open lines instead of joining the open deals to deal_line_fact, which holds every
-- line of every deal of every tenant. With the open deals few beside that table the planner still hashed the whole of
-- it (the scale 0.1 run after stop 41: 81 calls × 1 682 ms, 374 809 blocks read from outside shared buffers a phase,
-- for the same 3 564 lines), and a planner cost (random_page_cost 1.5, the stopgap this replaces) did not turn it
-- into probes; probes forced lost where thousands of deals are open. This table grows with the open deals only.
--
-- Written by the deal projection (projection/DealProjection) in the statements that change a deal's status or its
-- lines, so in the transaction of the deal's own event: an opening inserts its lines, a change of the lines (an update,
-- a win's final lines) deletes the deal's rows and inserts the new lines if the deal is open, a win or a loss deletes
-- them, a reopening copies the deal's lines from deal_line_fact. A row is a function of the facts alone (the lines of
-- an open deal), so a repeated event, a replay and a rebuild make the same rows; a tenant's rebuild moves them with the
-- facts (ReadModelTables), clearing a generation deletes them. OpenLineTest proves they equal the facts' open lines.
-- Only what the metric reads is kept (units and the product's name and category); the filters (owner, team, source,
-- pipeline) and the opening's order come from the open deal's row, found by deal_fact_manager_open.
create table open_line (
    gen          int     not null,
    tenant_id    text    not null,
    deal_id      uuid    not null,
    line_no      int     not null,
    product_id   uuid    not null,
    product_name text    not null,
    category     text    not null,
    quantity     numeric not null,
    primary key (gen, tenant_id, deal_id, line_no)
);

-- the backfill: every generation's open deals' lines
insert into open_line (gen, tenant_id, deal_id, line_no, product_id, product_name, category, quantity)
select l.gen, l.tenant_id, l.deal_id, l.line_no, l.product_id, l.product_name, l.category, l.quantity
from deal_line_fact l
join deal_fact d on d.gen = l.gen and d.tenant_id = l.tenant_id and d.deal_id = l.deal_id
where d.status = 'OPEN';
