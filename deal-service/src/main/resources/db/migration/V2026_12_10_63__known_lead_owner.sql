-- Issue 20: a lead's current owner, learnt from lead-service's LeadCreated and LeadAssigned (a card transfer assigns
-- each moved lead too), so a manager may snooze their own lead. owner_version is the lead's version the owner was
-- read at (-1 for LeadCreated, which carries none): an older assignment delivered late never overwrites a newer one.
alter table known_lead add column manager_id    uuid;
alter table known_lead add column owner_version bigint;
