-- The duplicate search (ContactMatch) looks a new lead's phone and e-mail up among the open leads and the client
-- contacts. Two plans walked a whole tenant's rows per intake whenever the statistics put the tenant at a row or two
-- (statistics taken while a table was young, or a tenant newer than the last ANALYZE): any index leading with
-- tenant_id then looks as good as the contact's.
--
-- The open leads by contact value, the value leading, so that a lookup by value has one index to take; they replace
-- the (tenant_id, contact) indexes, which served nothing else. Written as lead_open_by_manager's predicate is.
drop index lead_tenant_phone;
drop index lead_tenant_email;
create index lead_open_phone on lead (phone_normalized)
    where archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED');
create index lead_open_email on lead (email_normalized)
    where archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED');

-- A phone or an e-mail is one person's and a duplicate the exception: the planner is told these columns are nearly
-- distinct, so that statistics of a young table (a few leads sharing one phone) cannot make a lookup by value look
-- like a walk of the table. The override holds through every later ANALYZE, which runs here so it applies at once.
alter table lead
    alter column phone_normalized set (n_distinct = -1),
    alter column email_normalized set (n_distinct = -1);
alter table client_contact alter column value set (n_distinct = -1);
analyze lead;
analyze client_contact;
