package com.salespulse.analytics.alert;

import com.salespulse.analytics.settings.WorkCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a condition is evaluated against: the tenant, the live read-model generation, now, its calendar and limits,
 * and the managers' names from the roster projection (alerts name the manager, not their id).
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

    /** Who an alert is about, for its title: the manager's name, or "Manager <id>" when the roster has none. */
    public String who(UUID managerId) {
        String name = managerName(managerId);
        return name != null ? name : "Manager " + managerId;
    }

    public BigDecimal threshold(Threshold threshold) {
        return thresholds.get(threshold);
    }
}
