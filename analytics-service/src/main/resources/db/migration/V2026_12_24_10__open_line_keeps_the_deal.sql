-- Issue 16, popular-products' open lines without deal_fact: each kept open line (open_line, V2026_12_23_30) carries
-- what the metric reads of its deal, so the offered figures read open_line alone, one range of a key, and never find the
-- tenant's open deals in deal_fact. After stop 42 the open-lines statement still joined the open deals to open_line and
-- spent its time on that side (the scale 0.1 run: 81 calls x 1 610 ms, 681 461 blocks hit, the big tenant's open deals
-- fetched from a heap the stream keeps rewriting, so their pages are never all-visible).
--
-- What the metric reads of an open deal: its owner (the manager filter, and the team filter: an open deal counts for
-- its owner's team now, team_at(..., manager_id, null)), its pipeline and source (filters) and its opening moment (a
-- product's name and category are those on the newest open deal). Not its amount, currency or rate (the offered
-- figures are units and deals). A deal's source and opening moment never change once it is open; its owner and
-- pipeline do, and the deal projection's statements that change them on deal_fact change them here too, in the same
-- statement (projection/DealProjection: a stage move names the owner and pipeline, a reassignment the owner; an
-- opening, a change of the lines and a reopening write the rows with the deal's values). OpenLineTest proves the kept
-- rows equal the facts after each of these.
alter table open_line
    add column manager_id  uuid,
    add column pipeline_id uuid,
    add column source      text,
    add column opened_at   timestamptz;

-- the backfill: every generation's kept rows from their deal
update open_line o set manager_id = d.manager_id, pipeline_id = d.pipeline_id, source = d.source,
    opened_at = d.opened_at
from deal_fact d
where d.gen = o.gen and d.tenant_id = o.tenant_id and d.deal_id = o.deal_id;

-- a row whose deal is gone (none should be: a deal's rows are cleared with it) is not an open deal's line
delete from open_line where opened_at is null;

-- deal_fact's own constraints (source may be null there too)
alter table open_line
    alter column manager_id set not null,
    alter column pipeline_id set not null,
    alter column opened_at set not null;

-- the manager filter (and the teams' rows) read one manager's open lines: a range of this index; the unfiltered read
-- and the pipeline and source filters read the tenant's range of the key
create index open_line_by_manager on open_line (gen, tenant_id, manager_id);
