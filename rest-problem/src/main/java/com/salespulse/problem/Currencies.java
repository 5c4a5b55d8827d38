package com.salespulse.problem;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Currency;
import java.util.Set;

/**
 * Which ISO 4217 codes money can be agreed or reported in, in every service: a code the JDK knows, but not one ISO keeps for other things
 * (XXX no currency, XTS testing, XAU/XAG/XPT/XPD precious metals, XDR/XSU/XUA and the XB? bond-market units, which
 * {@link Currency} knows too), nor a withdrawn code the JDK still keeps for old data (RUR, DEM, HRK...).
 */
public final class Currencies {

    /** ISO 4217 codes that are not currencies a deal, price, rate or plan can be in. */
    static final Set<String> NOT_MONEY = Set.of("XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA");

    /** Withdrawn ISO 4217 codes {@link Currency} still knows; no new amount is agreed in them. */
    static final Set<String> WITHDRAWN = Set.of(
            "ADP", "AFA", "ATS", "AYM", "AZM", "BEF", "BGL", "BYB", "BYR", "CSD", "CYP", "DEM", "EEK", "ESP", "FIM",
            "FRF", "GHC", "GRD", "GWP", "HRK", "IEP", "ITL", "LTL", "LUF", "LVL", "MGF", "MRO", "MTL", "MZM", "NLG",
            "PTE", "ROL", "RUR", "SDD", "SIT", "SKK", "SRG", "STD", "TMM", "TPE", "TRL", "USS", "VEB", "VEF", "XFO",
            "XFU", "YUM", "ZMK", "ZWD", "ZWN", "ZWR");

    private Currencies() {}

    /** True for the code of a real, current currency. */
    public static boolean isReal(String code) {
        if (code == null
                || !code.matches("[A-Z]{3}")
                || NOT_MONEY.contains(code)
                || code.startsWith("XB")
                || WITHDRAWN.contains(code)) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Backs {@link CurrencyCode}. */
    public static class Validator implements ConstraintValidator<CurrencyCode, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isReal(value);
        }
    }
}
