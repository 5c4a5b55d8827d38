-- The duplicate search looks a new lead's phone and e-mail up in the open leads (lead_tenant_phone,
-- lead_tenant_email) and in the client contacts (client_contact_lookup). Statistics taken while a table was young
-- (a few leads of a test or of a first import, sharing one phone) made the planner take a lookup by value for a walk
-- of the whole table in its generic plan. These columns are nearly distinct (a phone or an e-mail is one person's,
-- a duplicate is the exception), so the planner is told so once: the override holds through every later ANALYZE,
-- which this migration runs so that it applies at once.
alter table lead
    alter column phone_normalized set (n_distinct = -1),
    alter column email_normalized set (n_distinct = -1);
alter table client_contact alter column value set (n_distinct = -1);
analyze lead;
analyze client_contact;
