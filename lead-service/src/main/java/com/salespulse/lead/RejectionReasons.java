package com.salespulse.lead;

import java.util.List;

/**
 * The default rejection reasons, with labels in Russian and English: every tenant starts with these, and renames,
 * deactivates or adds to them through {@link RejectionReasonService} (the codes are what events and metrics carry).
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
}
