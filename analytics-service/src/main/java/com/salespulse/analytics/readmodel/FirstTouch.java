package com.salespulse.analytics.readmodel;

/**
 * The first touch of a card after a moment (its transfer's move, its creation), read from {@code card_touch}: the rule
 * of the SQL function {@code first_touch_after} (migration V2026_12_05_20), written into the statement.
 */
public final class FirstTouch {

    private FirstTouch() {}

    /**
     * A card's first touch at or after {@code since} (its move, or its creation for the baseline), from
     * {@code card_touch}: the one place touches are kept, whichever topic brought them and in whatever order.
     * {@code row} is the alias whose gen and tenant_id it matches; the others are SQL expressions.
     */
    public static String after(String row, String cardType, String cardId, String since) {
        // the body of the SQL function first_touch_after written in place: PostgreSQL cannot inline a function whose
        // body reads a table, so each call ran the function's own executor; a subquery is one index probe of the
        // statement's plan (card_touch's key ends in touched_at: the first entry at or after since)
        return ("(select min(k.touched_at) from card_touch k where k.gen = %1$s.gen and k.tenant_id = %1$s.tenant_id "
                        + "and k.card_type = %2$s and k.card_id = %3$s and k.touched_at >= %4$s)")
                .formatted(row, cardType, cardId, since);
    }
}
