-- Issue 14. The reference a card has in the integrator's own CRM (LeadCreated, DealOpened, TaskCreated carry
-- externalSystem and externalId when the card was sent by reference), shown on the drill-down items so an integrator
-- can map an answer back to its records. Absent on rows applied before (a replay fills them from the events).
alter table lead_fact add column external_system text;
alter table lead_fact add column external_id text;
alter table deal_fact add column external_system text;
alter table deal_fact add column external_id text;
alter table task_fact add column external_system text;
alter table task_fact add column external_id text;
