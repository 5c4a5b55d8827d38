package com.salespulse.lead.roster;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * One working window starting on one weekday, in the tenant's time zone. An end before the start is a night shift
 * that runs past midnight into the next day: MONDAY 22:00–06:00 covers Monday 22:00 to Tuesday 06:00 and is one
 * shift (the one of Monday).
 */
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

    /** Whether the window runs past midnight into the next weekday (its end is before its start). */
    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    /** The date this window started on if it holds {@code at} (local), else null: a night shift's small hours the day before. */
    public java.time.LocalDate startedOn(java.time.LocalDateTime at) {
        if (!covers(at.getDayOfWeek(), at.toLocalTime())) {
            return null;
        }
        boolean sameDay = this.day == at.getDayOfWeek() && !at.toLocalTime().isBefore(start);
        return sameDay ? at.toLocalDate() : at.toLocalDate().minusDays(1);
    }

    /** Start inclusive, end exclusive; a night shift's hours after midnight fall on the next weekday. */
    public boolean covers(DayOfWeek day, LocalTime time) {
        if (!crossesMidnight()) {
            return this.day == day && !time.isBefore(start) && time.isBefore(end);
        }
        return (this.day == day && !time.isBefore(start)) || (this.day.plus(1) == day && time.isBefore(end));
    }
}
