-- Issue 20, stale deals: an open deal archived by hand with a reason (out of the "now" metrics until restored),
-- a per-stage rotting limit in days, and a card (lead or deal) snoozed until a moment with a reason.
alter table deal add column archived_at timestamptz;
alter table deal add column archive_reason text;

alter table stage add column rot_after_days int check (rot_after_days between 1 and 3650);

-- one row per snoozed card, keyed by the card (lead and deal ids never collide); a woken card's row is deleted, a
-- card whose moment passed simply is not snoozed any more (every reader compares snoozed_until with now)
create table card_snooze (
    id            uuid        primary key,
    tenant_id     text        not null,
    card_id       uuid        not null,
    card_type     text        not null check (card_type in ('LEAD', 'DEAL')),
    snoozed_until timestamptz not null,
    reason        text        not null,
    snoozed_at    timestamptz not null,
    unique (tenant_id, card_id)
);
