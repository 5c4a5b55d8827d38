package com.salespulse.analytics.settings;

/** How a date departs from the weekly pattern. */
public enum DayKind {
    /** A day off: a public holiday or a day off moved onto a weekday. */
    HOLIDAY,
    /** A weekly day off made a working day (a moved working day). */
    WORKING,
    /** A shortened working day before a holiday; it counts as a working day. */
    SHORT
}
