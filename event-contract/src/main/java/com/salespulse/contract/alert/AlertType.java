package com.salespulse.contract.alert;

/** The conditions analytics-service watches. Subscriptions in notification-service name these codes. */
public enum AlertType {
    /** A manager's overdue tasks are above the tenant's limit. */
    OVERDUE_TASKS,
    /** A manager's forgotten cards (open, no open task) are above the tenant's limit. */
    FORGOTTEN_CARDS,
    /** After the set working day, the month's forecast is below the plan (manager, team or tenant). */
    PLAN_AT_RISK,
    /** A manager holds more open cards than their capacity. */
    MANAGER_OVER_CAPACITY,
    /** A dismissed manager's cards are still not transferred after the set number of days. */
    DISMISSED_BASE_UNTRANSFERRED,
    /** A manager's burnout index is above its limit. */
    BASE_BURNOUT,
    /** Lead inflow fell below its usual level. */
    LEAD_INFLOW_DROP,
    /** A manager holds open deals longer in their stage than the stage's limit or usual time (rotting deals). */
    DEALS_ROTTING
}
