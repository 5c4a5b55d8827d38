package com.salespulse.analytics.alert;

import java.math.BigDecimal;

/**
 * The tenant-settable limits that turn figures into alerts, with their defaults. A new condition adds its
 * thresholds here; a tenant's value is kept in {@code alert_threshold} by {@link #name()}.
 */
public enum Threshold {
    OVERDUE_TASKS_PER_MANAGER("5", "0", "1000", "Raise OVERDUE_TASKS when a manager has more overdue tasks than this."),
    FORGOTTEN_CARDS_PER_MANAGER(
            "5",
            "0",
            "1000",
            "Raise FORGOTTEN_CARDS when a manager has more forgotten cards (open, no open task) than this."),
    CAPACITY_USE_PERCENT(
            "100",
            "1",
            "1000",
            "Raise MANAGER_OVER_CAPACITY when a manager's open cards exceed this percentage of their capacity."),
    DISMISSED_UNTRANSFERRED_DAYS(
            "3",
            "0",
            "365",
            "Raise DISMISSED_BASE_UNTRANSFERRED when a dismissed manager still owns open cards this many days after dismissal."),
    LEAD_INFLOW_DROP_PERCENT(
            "40",
            "1",
            "100",
            "Raise LEAD_INFLOW_DROP when the last 7 days' inflow is this many percent below the weekly average of the 4 weeks before."),
    LEAD_INFLOW_MIN_USUAL_PER_WEEK(
            "5",
            "0",
            "1000000",
            "Watch LEAD_INFLOW_DROP only when the usual weekly inflow is at least this (fewer is noise)."),
    PLAN_FORECAST_AFTER_WORKING_DAY(
            "10", "1", "23", "Raise PLAN_AT_RISK only after this working day of the month (metric 9, part B)."),
    BURNOUT_INDEX_LIMIT(
            "70", "0", "100", "Raise BASE_BURNOUT when a manager's burnout index is above this (metric 10, part B)."),
    ROTTING_DEALS_PER_MANAGER(
            "0",
            "0",
            "1000",
            "Raise DEALS_ROTTING when a manager has more rotting deals (in their stage longer than its limit) than this.");

    private final BigDecimal defaultValue;
    private final BigDecimal min;
    private final BigDecimal max;
    private final String description;

    Threshold(String defaultValue, String min, String max, String description) {
        this.defaultValue = new BigDecimal(defaultValue);
        this.min = new BigDecimal(min);
        this.max = new BigDecimal(max);
        this.description = description;
    }

    public BigDecimal defaultValue() {
        return defaultValue;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    public String description() {
        return description;
    }
}
