-- Issue 16. The rules the metrics share, defined once next to the tables they read, versioned with the schema; the
-- metric queries (metric/) call them instead of gluing SQL fragments from Java. Each keeps the answer of the Java
-- fragment it replaces (readmodel/DealTeams, ClientAliases, OpenCards, FirstTouch; the rate lookup of metric/DealFacts).

-- The rate at a date: each rate of a currency holds from its date until the next rate of that currency (exclusive;
-- valid_until null: still holding). A deal's amount is converted with one range join on this view (the span its day
-- falls in: the latest rate dated on or before the day), not with a lookup per row.
create view exchange_rate_span as
select gen, tenant_id, currency, rate_date as valid_from,
       lead(rate_date) over (partition by gen, tenant_id, currency order by rate_date) as valid_until,
       rate_to_base
from exchange_rate;

-- The team a manager was in at a moment (now when the moment is null), from manager_team_stay: the latest stay begun
-- by then; when the roster knows only later stays, the earliest one. A closed deal counts for team_at(its owner, its
-- closing), an open one for team_at(its owner, null); a touch for team_at(its manager, its time).
create function team_at(p_gen int, p_tenant text, p_manager uuid, p_at timestamptz) returns uuid
    language sql stable parallel safe as $$
select s.team_id from manager_team_stay s
where s.gen = p_gen and s.tenant_id = p_tenant and s.manager_id = p_manager
order by case when s.since <= coalesce(p_at, 'infinity') then 0 else 1 end,
         case when s.since <= coalesce(p_at, 'infinity') then s.since end desc nulls last, s.since
limit 1
$$;

-- The client a deal or touch names once merges are applied: the surviving client when p_client was merged away, else
-- p_client itself (client_alias, kept by projection/ClientAliasProjection).
create function survivor_of(p_gen int, p_tenant text, p_client uuid) returns uuid
    language sql stable parallel safe as $$
select coalesce((select a.surviving_client_id from client_alias a
                 where a.gen = p_gen and a.tenant_id = p_tenant and a.merged_client_id = p_client), p_client)
$$;

-- A card's first touch at or after a moment (its transfer's move, its creation), from card_touch: the one place
-- touches are kept, whichever topic brought them and in whatever order.
create function first_touch_after(p_gen int, p_tenant text, p_card_type text, p_card_id uuid, p_since timestamptz)
    returns timestamptz language sql stable parallel safe as $$
select min(k.touched_at) from card_touch k
where k.gen = p_gen and k.tenant_id = p_tenant and k.card_type = p_card_type and k.card_id = p_card_id
  and k.touched_at >= p_since
$$;

-- The open cards of a tenant as one relation, for the metrics about the base as it stands now: a lead still being
-- worked (NEW, IN_WORK, QUALIFIED), owned and not archived, or a deal neither won nor lost. stage is LEAD:<status> or
-- the deal stage's id; status the lead's status, OPEN for a deal; pipeline_id null for a lead (so a pipeline filter
-- leaves only deals). Not strict and stable, so PostgreSQL inlines it like a view and a caller's filters reach both
-- branches.
create function open_cards(p_gen int, p_tenant text)
    returns table (card_type text, card_id uuid, manager_id uuid, title text, source text, pipeline_id uuid,
                   stage text, stage_label text, stage_entered_at timestamptz, created_at timestamptz,
                   last_touched_at timestamptz, status text)
    language sql stable as $$
select 'LEAD', l.lead_id, l.owner_id, l.client_name, l.source, cast(null as uuid), 'LEAD:' || l.status,
       'Lead: ' || l.status, l.stage_entered_at, l.created_at, l.last_touched_at, l.status
from lead_fact l
where l.gen = p_gen and l.tenant_id = p_tenant and l.status in ('NEW', 'IN_WORK', 'QUALIFIED') and not l.archived
  and l.owner_id is not null
union all
select 'DEAL', d.deal_id, d.manager_id, d.client_name, d.source, d.pipeline_id, cast(d.stage_id as text),
       coalesce(s.name, cast(d.stage_id as text)), d.stage_entered_at, d.opened_at, d.last_touched_at, 'OPEN'
from deal_fact d left join stage_name s on s.gen = d.gen and s.tenant_id = d.tenant_id and s.stage_id = d.stage_id
where d.gen = p_gen and d.tenant_id = p_tenant and d.status = 'OPEN'
$$;

-- Repeat sales: a won deal's client's previous win is one backward index probe (was: every deal of the client per
-- won deal, quadratic in a client's wins).
create index deal_fact_client_won on deal_fact (gen, tenant_id, client_id, closed_at) where status = 'WON';
