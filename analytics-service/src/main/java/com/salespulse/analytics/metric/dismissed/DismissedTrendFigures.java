package com.salespulse.analytics.metric.dismissed;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DismissedBaseTrendFigures", description = DismissedTrendFigures.DEFINITION)
public record DismissedTrendFigures(
        @Schema(description = "One point per day of the period, oldest first.")
        List<Day> days) {

    static final String DEFINITION = "Issue 20, is it getting better: metric 12's open cards still owned by dismissed "
            + "managers at the end of each day of the period (what dismissed-base answers asOf= that day; today: at the "
            + "moment of the query), from the read model's history of each card's state: the dismissed base falls as "
            + "the cards are transferred. A manager counts from the moment of their dismissal. teamId: the dismissed "
            + "managers who were in that team when they left; source and pipelineId do not apply. A manager sees only "
            + "their own.";

    @Schema(name = "DismissedBaseTrendDay")
    public record Day(
            @Schema(description = "The day.") LocalDate day,

            @Schema(description = "Open cards still owned by dismissed managers at the end of the day.")
            long openCardsStillOwned,

            @Schema(description = "Every manager dismissed by the end of the day, most open cards first, then by id.")
            List<ManagerDay> byManager) {}

    @Schema(name = "DismissedBaseTrendManager")
    public record ManagerDay(
            @Schema(description = "The dismissed manager.") UUID managerId,

            @Schema(description = "The open cards they still owned at the end of the day (0 once all moved).")
            long openCards) {}
}
