-- Every touch of a card, by time. "Touched within N days of a transfer" (metric 12) is worked out when asked, from the
-- card's touches after its move, so it no longer depends on which topic was applied first: a touch applied before the
-- move that it follows (the deal topic ahead of the lead topic, or a replay reading one topic before another) counts.
create table card_touch (
    gen        int         not null,
    tenant_id  text        not null,
    card_type  text        not null,
    card_id    uuid        not null,
    touched_at timestamptz not null,
    primary key (gen, tenant_id, card_type, card_id, touched_at)
);

-- the touches the read model knew of: each card's first, and each transferred card's first after its move; the
-- columns that held them go (the first touch since any moment is now read from card_touch)
insert into card_touch (gen, tenant_id, card_type, card_id, touched_at)
select gen, tenant_id, 'LEAD', lead_id, first_touched_at from lead_fact where first_touched_at is not null
union
select gen, tenant_id, 'DEAL', deal_id, first_touched_at from deal_fact where first_touched_at is not null
union
select gen, tenant_id, card_type, card_id, first_touched_at from transfer_card where first_touched_at is not null
on conflict do nothing;

alter table transfer_card drop column first_touched_at;
alter table lead_fact drop column first_touched_at;
alter table deal_fact drop column first_touched_at;
