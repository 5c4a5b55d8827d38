package com.salespulse.analytics.metric.forgotten;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ForgottenCardsTrendFigures", description = ForgottenTrendFigures.DEFINITION)
public record ForgottenTrendFigures(
        @Schema(description = "One point per day of the period, oldest first.")
        List<Day> days) {

    static final String DEFINITION = "Issue 20, is it getting better: metric 11's forgotten cards and overdue tasks at "
            + "the end of each day of the period (what forgotten-cards answers asOf= that day; today: at the moment of "
            + "the query), from the read model's history of each card's and task's state, with the tenant's forgotten "
            + "grace as set now. Filters as metric 11's.";

    @Schema(name = "ForgottenCardsTrendDay")
    public record Day(
            @Schema(description = "The day.") LocalDate day,

            @Schema(description = "Forgotten cards at the end of the day.")
            long forgottenCards,

            @Schema(description = "Overdue tasks at the end of the day.")
            long overdueTasks,

            @Schema(description = "Per manager with either that day, by id.")
            List<ManagerDay> byManager) {}

    @Schema(name = "ForgottenCardsTrendManager")
    public record ManagerDay(
            @Schema(description = "The owner or assignee.") UUID managerId,

            @Schema(description = "Their forgotten cards at the end of the day.")
            long forgottenCards,

            @Schema(description = "Their overdue tasks at the end of the day.")
            long overdueTasks) {}
}
