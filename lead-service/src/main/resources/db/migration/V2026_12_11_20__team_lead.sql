-- issue 20: a team's lead, a manager of the tenant who sees and works the team's cards (role team-lead)
alter table team add column lead_manager_id uuid;
