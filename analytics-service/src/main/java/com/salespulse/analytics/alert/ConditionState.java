package com.salespulse.analytics.alert;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * One watched instance of a condition as it stands now, with what a person needs to act on it.
 *
 * @param conditionKey identifies the instance within the tenant, e.g. {@code OVERDUE_TASKS:manager:<id>}
 * @param holds whether the condition is true now (raise if no alert is open; resolve an open one if false)
 * @param figures the numbers behind it by name, e.g. {@code overdueTasks=7, limit=5}
 * @param drillDownPath the analytics API path that lists the cards behind it
 */
public record ConditionState(
        String conditionKey,
        boolean holds,
        UUID managerId,
        UUID teamId,
        String severity,
        String title,
        String message,
        Map<String, BigDecimal> figures,
        String drillDownPath) {

    public static final String WARNING = "WARNING";
    public static final String CRITICAL = "CRITICAL";
}
