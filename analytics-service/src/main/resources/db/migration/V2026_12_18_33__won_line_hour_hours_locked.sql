-- Issue 16: won_line_hour (V2026_12_18_32) is kept by recomputing an hour's rows from the facts, which is right only
-- if no other transaction changes a won deal of that hour at the same time. Since the live apply runs several
-- partitions side by side (TenantLocks: batches of one tenant share it and hold their own cards only), two batches can
-- win two deals of one hour at once: each would recompute the hour without the other's uncommitted deal, and the
-- second would fail on the first's rows (a duplicate key) or leave the hour one deal short.
-- So the recompute first takes a transaction lock per (generation, tenant, hour; the hour as epoch seconds, whatever
-- the session's zone), in key order, and only then deletes
-- and inserts: a volatile SQL function takes a fresh snapshot for each statement, so once the lock is granted (the
-- other transaction committed) the recompute sees the other's deals. Two batches winning in the same hours wait for
-- each other; opposite orders across statements end in a deadlock that PostgreSQL breaks and the batch is applied
-- again (40P01, LiveApplier), never dead-lettered. WonLineHourTest proves two transactions winning deals of one hour
-- side by side both count.
create or replace function won_line_hour_redo(gens int[], tenants text[], hours timestamptz[]) returns void
    language sql as $$
    select count(pg_advisory_xact_lock(k))
    from (select distinct hashtext('won_line_hour:' || gen || ':' || tenant_id || ':' || extract(epoch from closed_hour)) as k
          from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour) order by 1) keys;
    delete from won_line_hour r
    using (select distinct * from unnest(gens, tenants, hours) h(gen, tenant_id, closed_hour)) h
    where r.gen = h.gen and r.tenant_id = h.tenant_id and r.closed_hour = h.closed_hour;
    insert into won_line_hour select * from won_line_hour_from_facts(gens, tenants, hours);
$$;
