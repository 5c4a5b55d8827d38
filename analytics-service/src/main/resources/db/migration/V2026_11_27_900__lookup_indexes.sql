-- Lookups the projections make for every event, each by the card it is about. Without these the planner may take
-- card_stay_stage (gen, tenant_id, stage) for "the card's open stay" and read every stay of the tenant per event —
-- what the ingest benchmark showed once a tenant had a few thousand cards (quadratic ingest).
create index card_stay_open on card_stay (gen, tenant_id, card_type, card_id) where left_at is null;
-- a touch on a card looks up the transfers that moved it (CardTouches)
create index transfer_card_card on transfer_card (gen, tenant_id, card_type, card_id);

-- lead_shift as PL/pgSQL: a plain SQL function with ORDER BY/LIMIT is planned again on every call, about a
-- millisecond per lead applied one at a time; PL/pgSQL keeps the plan for the session. Same query, same answer.
create or replace function lead_shift(p_gen int, p_tenant text, p_at timestamptz) returns text
language plpgsql stable as $$
begin
    return (
        select w.label
        from shift_window w
        where w.gen = p_gen and w.tenant_id = p_tenant
          and w.valid_from <= p_at and (w.valid_to is null or p_at < w.valid_to)
          and w.day_of_week = extract(isodow from p_at at time zone w.time_zone)
          and cast(p_at at time zone w.time_zone as time) >= w.start_time
          and cast(p_at at time zone w.time_zone as time) < w.end_time
        order by (cast(p_at at time zone w.time_zone as date) + w.start_time) at time zone w.time_zone desc,
                 w.end_time - w.start_time, w.label
        limit 1);
end
$$;
