-- issue 20: who leads each team now (salespulse.roster.team-lead-changed); a team lead's metrics are their teams'
create table team_lead (
    gen             int  not null,
    tenant_id       text not null,
    team_id         uuid not null,
    lead_manager_id uuid not null,
    primary key (gen, tenant_id, team_id)
);
create index team_lead_by_lead on team_lead (gen, tenant_id, lead_manager_id);
