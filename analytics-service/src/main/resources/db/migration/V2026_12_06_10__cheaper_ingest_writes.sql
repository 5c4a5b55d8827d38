-- Issue 16, ingest: fewer index entries written per event.
--
-- card_stay: a stay is inserted once and updated once (when the card leaves it). card_stay_stage (gen, tenant_id,
-- stage) is read by no metric that the primary key (gen, tenant_id, card_type, card_id, ...) does not serve as well
-- (manager load's usual time per stage reads every ended stay of the tenant: a sequential scan for a big tenant, the
-- primary key's (gen, tenant_id) prefix for a small one; deal cycle joins a deal's stays by card), and card_stay_open
-- (the open stay of a card) only served the projection's own lookup, which the primary key's prefix does as well: a
-- card has a handful of stays. Without them a stay costs one index entry instead of three, and leaving it (left_at,
-- which card_stay_open's predicate named) becomes a heap-only update that writes no index at all.
drop index card_stay_stage;
drop index card_stay_open;

-- Room on every page for the updates of the rows on it: a lead, a deal, a stay and a task are inserted once and then
-- updated several times (status, touches, stage moves, closing). With free space on the page an update that changes no
-- indexed column stays on the page (a heap-only update: no new index entries, and the old version is pruned in place)
-- instead of moving the row to another page and adding an entry to every index. Applies to pages written from now on.
alter table lead_fact set (fillfactor = 80);
alter table deal_fact set (fillfactor = 80);
alter table card_stay set (fillfactor = 80);
alter table task_fact set (fillfactor = 80);
