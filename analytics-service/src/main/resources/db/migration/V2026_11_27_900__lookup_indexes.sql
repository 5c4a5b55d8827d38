-- Lookups the projections make for every event, each by the card it is about. Without these the planner may take
-- card_stay_stage (gen, tenant_id, stage) for "the card's open stay" and read every stay of the tenant per event —
-- what the ingest benchmark showed once a tenant had a few thousand cards (quadratic ingest).
create index card_stay_open on card_stay (gen, tenant_id, card_type, card_id) where left_at is null;
-- a touch on a card looks up the transfers that moved it (CardTouches)
create index transfer_card_card on transfer_card (gen, tenant_id, card_type, card_id);

