package com.salespulse.analytics.readmodel;

/**
 * The first touch of a card after a moment (its transfer's move, its creation): the SQL function
 * {@code first_touch_after} (migration V2026_12_05_20), read from {@code card_touch}.
 */
public final class FirstTouch {

    private FirstTouch() {}

    /**
     * A card's first touch at or after {@code since} (its move, or its creation for the baseline), from
     * {@code card_touch}: the one place touches are kept, whichever topic brought them and in whatever order.
     * {@code row} is the alias whose gen and tenant_id it matches; the others are SQL expressions.
     */
    public static String after(String row, String cardType, String cardId, String since) {
        return "first_touch_after(%1$s.gen, %1$s.tenant_id, %2$s, %3$s, %4$s)".formatted(row, cardType, cardId, since);
    }
}
