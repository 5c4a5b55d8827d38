-- issue 16: distribution's claim ranked and capped each candidate manager by counting their open leads at every
-- intake (and again once it held the row): with a few hundred open leads a manager, thousands of index entries and
-- their heap checks per lead, the claim was nine tenths of the intake's time in PostgreSQL. Each manager's open leads
-- are now kept in a row, changed by the statement that opens, closes, archives or moves a lead, in its transaction;
-- the claim reads one row a candidate.
--
-- Open is lead_open_by_manager's predicate: an owner, not archived, status NEW, IN_WORK or QUALIFIED. No row means
-- none. No foreign key: a lead's owner is checked where it is set, and a counter must never refuse a lead's change.
create table manager_open_leads (
    manager_id uuid    primary key,
    open_leads integer not null check (open_leads >= 0)
);

create function lead_count_open() returns trigger language plpgsql as $$
declare
    was uuid;
    now_open uuid;
begin
    if tg_op <> 'INSERT' then
        if old.manager_id is not null and old.archived_at is null
                and old.status in ('NEW', 'IN_WORK', 'QUALIFIED') then
            was := old.manager_id;
        end if;
    end if;
    if tg_op <> 'DELETE' then
        if new.manager_id is not null and new.archived_at is null
                and new.status in ('NEW', 'IN_WORK', 'QUALIFIED') then
            now_open := new.manager_id;
        end if;
    end if;
    if was is not distinct from now_open then
        return null;
    end if;
    -- a lead moving between two managers changes the lower id's row first, so that two moves in opposite directions
    -- take the two rows in the same order and never wait for each other
    if was is not null and (now_open is null or was < now_open) then
        update manager_open_leads set open_leads = open_leads - 1 where manager_id = was;
        was := null;
    end if;
    if now_open is not null then
        insert into manager_open_leads as c (manager_id, open_leads) values (now_open, 1)
            on conflict (manager_id) do update set open_leads = c.open_leads + 1;
    end if;
    if was is not null then
        update manager_open_leads set open_leads = open_leads - 1 where manager_id = was;
    end if;
    return null;
end
$$;

create trigger lead_count_open after insert or update of manager_id, status, archived_at or delete on lead
    for each row execute function lead_count_open();

-- the counts as they are; the table is locked meanwhile, so no lead changes between the count and the trigger
lock table lead in share row exclusive mode;
insert into manager_open_leads (manager_id, open_leads)
select manager_id, count(*) from lead
where manager_id is not null and archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED')
group by manager_id;
