-- The leads of each tenant as deal-service learns them from salespulse.lead.events (created or converted), so a
-- task or touch on a LEAD card must name a lead of the caller's tenant. Keyed by (tenant, lead).
create table known_lead (
    tenant_id text not null,
    lead_id   uuid not null,
    client_id uuid,
    primary key (tenant_id, lead_id)
);
