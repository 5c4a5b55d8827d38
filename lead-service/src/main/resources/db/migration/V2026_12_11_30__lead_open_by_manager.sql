-- issue 16: distribution counts a candidate's open leads at every intake (and again once it holds their row);
-- the open leads of a manager, and nothing else, in one small index read without the table
create index lead_open_by_manager on lead (tenant_id, manager_id)
    where manager_id is not null and archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED');
