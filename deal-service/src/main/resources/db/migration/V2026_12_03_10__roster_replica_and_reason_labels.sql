-- deal-service's replica of lead-service's roster, built from salespulse.roster.events (ManagerHired, ManagerUpdated,
-- ManagerDismissed, TeamCreated, TeamRenamed), so deal owners, task assignees and plan owners can be checked
-- against the tenant's roster. Keyed by (tenant, id): an id another tenant uses never touches this tenant's row.
create table roster_manager (
    tenant_id    text        not null,
    manager_id   uuid        not null,
    name         text,
    team_id      uuid,
    hired_at     timestamptz,
    dismissed_at timestamptz,
    primary key (tenant_id, manager_id)
);

create table roster_team (
    tenant_id  text        not null,
    team_id    uuid        not null,
    name       text        not null,
    created_at timestamptz,
    primary key (tenant_id, team_id)
);

-- loss reasons carry their label in Russian and English; `label` stays as it was (English for the defaults)
alter table loss_reason add column label_ru text;
alter table loss_reason add column label_en text;
update loss_reason set label_en = label, label_ru = case code
        when 'PRICE' then 'Слишком дорого'
        when 'COMPETITOR' then 'Выбрали конкурента'
        when 'NO_NEED' then 'Больше не нужно'
        when 'NO_BUDGET' then 'Нет бюджета'
        when 'NO_RESPONSE' then 'Перестал отвечать'
        when 'ASKED_NOT_TO_CONTACT' then 'Клиент попросил не звонить'
        when 'TOO_PUSHY' then 'Клиент жаловался на слишком частые звонки'
        when 'OTHER' then 'Другое'
        else label end;
alter table loss_reason alter column label_ru set not null;
alter table loss_reason alter column label_en set not null;
