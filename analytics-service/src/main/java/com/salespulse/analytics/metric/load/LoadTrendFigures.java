package com.salespulse.analytics.metric.load;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ManagerLoadTrendFigures", description = LoadTrendFigures.DEFINITION)
public record LoadTrendFigures(
        @Schema(description = "One point per day of the period, oldest first.")
        List<Day> days) {

    static final String DEFINITION = "Issue 20, is it getting better: metric 3's open cards at the end of each day of "
            + "the period (what manager-load answers asOf= that day; today: at the moment of the query), from the read "
            + "model's history of each card's state. The cards of a manager dismissed by then are left out, as in "
            + "metric 3. Filters as metric 3's (teamId: the managers in that team now).";

    @Schema(name = "ManagerLoadTrendDay")
    public record Day(
            @Schema(description = "The day.") LocalDate day,

            @Schema(description = "Open cards of the managers shown at the end of the day.")
            long openCards,

            @Schema(description = "Per manager with open cards that day, by id.")
            List<ManagerDay> byManager) {}

    @Schema(name = "ManagerLoadTrendManager")
    public record ManagerDay(
            @Schema(description = "The owner.") UUID managerId,

            @Schema(description = "Their open cards at the end of the day.")
            long openCards) {}
}
