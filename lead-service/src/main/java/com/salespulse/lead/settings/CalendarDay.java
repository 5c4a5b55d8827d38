package com.salespulse.lead.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.LocalDate;

/** A date of the tenant's calendar that departs from the weekly pattern. */
@Embeddable
public class CalendarDay {

    public enum Kind {
        /** A day off: a public holiday, or the tenant's own. */
        HOLIDAY,
        /** A weekly day off made a working day. */
        WORKING,
        /** A shortened working day; still a working day. */
        SHORT
    }

    @Column(name = "day", nullable = false)
    public LocalDate day;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    public Kind kind;

    public CalendarDay() {}

    public CalendarDay(LocalDate day, Kind kind) {
        this.day = day;
        this.kind = kind;
    }
}
