-- issue 20: who leads each team (salespulse.roster.team-lead-changed); a team lead works their teams' cards here
alter table roster_team add column lead_manager_id uuid;
create index roster_team_by_lead on roster_team (tenant_id, lead_manager_id) where lead_manager_id is not null;
