package com.salespulse.analytics.settings;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TenantCalendarYear", description = "The tenant's working-day calendar for one year.")
public record CalendarView(
        @Schema(description = "The year.", example = "2026") int year,

        @Schema(description = "Working days in each month, January first.")
        List<Integer> workingDaysPerMonth,

        @Schema(description = "Working days in the year.") int workingDays,

        @Schema(description = "The dates that depart from the weekly pattern, in order.")
        List<Day> exceptions) {

    public record Day(
            @Schema(description = "The date.") LocalDate date,

            @Schema(
                    description =
                            "HOLIDAY (day off), WORKING (weekend day made working) or SHORT (shortened working day).")
            DayKind kind) {}
}
