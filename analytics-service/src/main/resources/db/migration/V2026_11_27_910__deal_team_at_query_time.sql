-- The team a deal counts for is read at query time from manager_team_stay (deals/DealTeams.teamAt). A stored copy on
-- the deal could stay empty or stale: the roster and deal topics are applied by concurrent transactions, and a deal
-- event applied alongside its owner's hiring sees neither the other's row.
alter table deal_fact drop column team_id;
