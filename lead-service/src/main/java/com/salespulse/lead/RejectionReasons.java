package com.salespulse.lead;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of rejection reasons, with labels in Russian and English. Every tenant starts with these defaults;
 * a per-tenant catalogue is a later step (the codes are what events and metrics carry, so adding some is safe).
 */
public final class RejectionReasons {

    public record Reason(String code, String labelEn, String labelRu) {}

    public static final List<Reason> DEFAULTS = List.of(
            new Reason("junk", "Junk or spam", "Мусор / спам"),
            new Reason("duplicate", "Duplicate", "Дубль"),
            new Reason("not_target", "Not our target", "Не целевой"),
            new Reason("no_budget", "No budget", "Нет бюджета"),
            new Reason("unreachable", "Unreachable", "Не дозвонились"),
            new Reason("competitor", "Went to a competitor", "Ушёл к конкуренту"));

    private RejectionReasons() {}

    public static Optional<Reason> byCode(String code) {
        return DEFAULTS.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
