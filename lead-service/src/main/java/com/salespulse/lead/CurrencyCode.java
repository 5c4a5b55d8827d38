package com.salespulse.lead;

import java.util.Currency;
import java.util.Set;

/**
 * ISO 4217 codes of real currencies: ones the JDK knows, less the codes that name no money (XXX, the test code XTS,
 * precious metals, SDR and the other units). XAF, XOF, XCD and XPF are real currencies and stay.
 */
public final class CurrencyCode {

    private static final Set<String> NO_MONEY = Set.of("XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB",
            "XBC", "XBD", "XSU", "XUA");

    private CurrencyCode() {
    }

    public static boolean isReal(String code) {
        if (code == null || NO_MONEY.contains(code)) {
            return false;
        }
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }
}
