package com.salespulse.analytics.readmodel;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * How a shift window is named in {@code shift_window.label} and in the lead-inflow metric's {@code shift} parameter:
 * the projection writes it, the metric matches it.
 */
public final class ShiftLabels {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    private ShiftLabels() {}

    /**
     * The name a window is known by: its local hours, "09:00–15:00" (an en dash); managers on the same hours share it.
     * A night shift keeps its hours in order, "22:00–06:00": the leads of both its evening and its small hours.
     */
    public static String label(LocalTime start, LocalTime end) {
        return HOURS.format(start) + "–" + HOURS.format(end);
    }
}
