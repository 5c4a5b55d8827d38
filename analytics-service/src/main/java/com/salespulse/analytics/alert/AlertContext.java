package com.salespulse.analytics.alert;

import com.salespulse.analytics.settings.WorkCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a condition is evaluated against: the tenant, the live read-model generation, now, its calendar and limits,
 * and the managers' names from the roster projection (alerts name the manager, not their id). Alert texts are
 * written in the tenant's language ({@link #text}).
 */
public record AlertContext(
        String tenant,
        int gen,
        Instant now,
        WorkCalendar calendar,
        Map<Threshold, BigDecimal> thresholds,
        Map<UUID, String> managerNames) {

    /** The manager's name as the roster knows it; null when it does not know them. */
    public String managerName(UUID managerId) {
        return managerId == null ? null : managerNames.get(managerId);
    }

    /**
     * Who an alert is about, for its title: the manager's name, "Manager <id>" when the roster has none, the team
     * for no manager; in the tenant's language.
     */
    public String who(UUID managerId) {
        if (managerId == null) {
            return text("who.team", Map.of());
        }
        String name = managerName(managerId);
        return name != null ? name : text("who.unknown", Map.of("id", managerId));
    }

    public BigDecimal threshold(Threshold threshold) {
        return thresholds.get(threshold);
    }

    /** The alert text under {@code key} in the tenant's language ({@link AlertTexts}). */
    public String text(String key, Map<String, ?> args) {
        return AlertTexts.render(calendar.language(), key, args);
    }

    /** The alert type's title or message ({@code part}) with {@code who} and these arguments. */
    public String text(String type, String part, UUID managerId, Map<String, ?> args) {
        Map<String, Object> all = new HashMap<>(args);
        all.put("who", who(managerId));
        return text(type + "." + part, all);
    }
}
