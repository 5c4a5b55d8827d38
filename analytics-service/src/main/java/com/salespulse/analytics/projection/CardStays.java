package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stages a card passed through and how long it stayed: one row per stay, open while the card is in it. */
@ApplicationScoped
public class CardStays {

    /** Leaves the card's current stage (if any) and, unless {@code stage} is null (a closed card), enters it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(Applying at, String cardType, UUID cardId, String stage, Instant when) {
        at.writes().run(List.of(cardId), """
                update card_stay set left_at = ?5 where gen = ?1 and tenant_id = ?2 and card_type = ?3 and card_id = ?4
                and left_at is null""", at.gen(), at.tenant(), cardType, cardId, when);
        if (stage != null) {
            at.writes().run(List.of(cardId), """
                    insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at) values (?1, ?2, ?3, ?4, ?5, ?6)
                    on conflict do nothing""", at.gen(), at.tenant(), cardType, cardId, stage, when);
        }
    }

    public static String leadStage(String status) {
        return "LEAD:" + status;
    }
}
