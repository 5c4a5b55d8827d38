package com.salespulse.lead.roster;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.DayOfWeek;
import java.time.LocalTime;

/** One working window on one weekday, in the tenant's time zone; the end is after the start on the same day. */
@Embeddable
public class Shift {

    @Enumerated(EnumType.STRING)
    @Column(name = "day_of_week", nullable = false)
    public DayOfWeek day;

    @Column(name = "start_time", nullable = false)
    public LocalTime start;

    @Column(name = "end_time", nullable = false)
    public LocalTime end;

    public Shift() {}

    public Shift(DayOfWeek day, LocalTime start, LocalTime end) {
        this.day = day;
        this.start = start;
        this.end = end;
    }

    /** Start inclusive, end exclusive. */
    public boolean covers(DayOfWeek day, LocalTime time) {
        return this.day == day && !time.isBefore(start) && time.isBefore(end);
    }
}
