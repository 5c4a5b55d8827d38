package com.salespulse.deal.decimal;

import java.math.BigDecimal;

/** How decimals are shown in events and answers: no trailing zeros, never in exponent notation. */
public final class Decimals {

    private Decimals() {}

    /** {@code 12000.0000} becomes {@code 12000}, {@code 2.5000} becomes {@code 2.5}; null stays null. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
