package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stages a card passed through and how long it stayed: one row per stay, open while the card is in it. */
@ApplicationScoped
public class CardStays {

    /**
     * Leaves the cards' open stays and enters the new ones, one statement for both: the update and the insert read the
     * same snapshot, so the stay entered now is not the one left (as when the two run one after the other).
     */
    private static final String MOVE = """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[])
                    v(gen, tenant_id, card_type, card_id, stage, moved_at)
            ), leaving as (
                update card_stay s set left_at = v.moved_at from v
                where s.gen = v.gen and s.tenant_id = v.tenant_id and s.card_type = v.card_type
                  and s.card_id = v.card_id and s.left_at is null)
            insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at)
            select gen, tenant_id, card_type, card_id, stage, moved_at from v where stage is not null
            on conflict do nothing""";

    /** Leaves the card's current stage (if any) and, unless {@code stage} is null (a closed card), enters it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(Applying at, String cardType, UUID cardId, String stage, Instant when) {
        at.writes().run(List.of(cardId), MOVE, at.gen(), at.tenant(), cardType, cardId, stage, when);
    }

    public static String leadStage(String status) {
        return "LEAD:" + status;
    }
}
