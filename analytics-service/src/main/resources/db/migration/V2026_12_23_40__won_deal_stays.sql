-- Issue 16: deal-cycle's time per stage reads the finished stays of the deals won in the period. It joined the won
-- deals to card_stay, and for a long period the planner read card_stay whole (every tenant's stays, leads' too, over
-- the whole history: 81 calls x 1 385 ms and 462 682 blocks read in the scale 0.1 run of 6 Dec 2026); a probe per
-- won deal instead reads ~7 scattered buffers a deal. card_stay_hour (V2026_12_18_20) cannot answer: it is keyed by
-- stage and length, not by the deal's win, and the figure has exact medians over the stays of filtered deals.
--
-- won_deal_stay holds, per won deal, its finished stays, keyed by the win they were written for: the deal's closed_at
-- first, so a period's stays are one range of the key (with the stay's length in the index: an index-only read), in
-- the order of deal_fact_newest's won deals (a merge join on (closed_at, deal_id)). Written by the card-stay moves
-- statement (projection/CardStays.MOVES), which runs after the batch's other statements, so it sees the batch's wins:
-- for every deal the batch moved (a win moves it out of its last stage) that is won, its finished stays (those of
-- card_stay and those the statement finishes itself); a repeated write conflicts and adds nothing. Rows are never
-- updated nor deleted on the write path: a reopened deal's rows keep its old closed_at and match no won deal (the
-- reader joins on the deal's current closed_at and status), and a new win writes the deal's stays again under the new
-- closed_at. Nothing else changes a finished stay (docs/architecture.md, "Rollups").
create table won_deal_stay (
    gen        int         not null,
    tenant_id  text        not null,
    closed_at  timestamptz not null,   -- deal_fact.closed_at of the win the row was written for
    deal_id    uuid        not null,
    entered_at timestamptz not null,
    stage      text        not null,
    -- the stay's length in whole minutes, truncated (deal-cycle's rule), computed once at the write: the reader's
    -- aggregates then order and sum a bigint, not a numeric computed from two instants per row and per aggregate
    minutes    bigint      not null,
    primary key (gen, tenant_id, closed_at, deal_id, entered_at, stage) include (minutes)
);

insert into won_deal_stay (gen, tenant_id, closed_at, deal_id, entered_at, stage, minutes)
select d.gen, d.tenant_id, d.closed_at, d.deal_id, s.entered_at, s.stage,
    cast(div(floor(extract(epoch from s.left_at) - extract(epoch from s.entered_at)), 60) as bigint)
from deal_fact d
join card_stay s on s.gen = d.gen and s.tenant_id = d.tenant_id and s.card_type = 'DEAL' and s.card_id = d.deal_id
where d.status = 'WON' and d.closed_at is not null and s.left_at is not null
order by 1, 2, 3, 4, 5, 6;
