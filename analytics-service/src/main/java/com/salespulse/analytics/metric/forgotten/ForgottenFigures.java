package com.salespulse.analytics.metric.forgotten;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ForgottenCardsFigures", description = ForgottenFigures.DEFINITION)
public record ForgottenFigures(
        @Schema(description = "Open cards with no open task, now.")
        long forgottenCards,

        @Schema(description = "Open tasks past their due time, now.")
        long overdueTasks,

        @Schema(description = "Per manager, most forgotten cards first.")
        List<ManagerFigures> byManager,

        @Schema(description = "Open deals rotting now: in their stage longer than its limit, not snoozed.")
        long rottingDeals,

        @Schema(description = "Open cards snoozed now (not counted as forgotten).")
        long snoozedCards) {

    /** What the {@code teamId} filter means here; docs/metrics.md says the same. */
    static final String TEAM_RULE = "teamId: the forgotten cards whose owner is in that team now and the overdue tasks "
            + "whose assignee is in that team now (a manager who moved teams takes both along to the new team).";

    static final String DEFINITION = "Metric 11, forgotten cards and overdue tasks, true at the moment of the query: "
            + "a forgotten card is an open card (a lead in NEW, IN_WORK or QUALIFIED and not archived, or a deal neither "
            + "won nor lost) with an owner and no open task, untouched for at least the tenant's grace (forgottenGraceHours, "
            + "default 24); its age is the whole days since its last touch (contact "
            + "attempt, status or stage change, completed task, logged activity; its creation if none). An overdue task "
            + "is an open task whose due time has passed; its age is the whole days since it fell due. Counted per owner "
            + "(the card's owner, the task's assignee). The period is not used. Ages are also given in working days "
            + "of the tenant's calendar (the working days after the day of the moment, up to and including today). "
            + "Issue 20: an archived deal is no open card and its tasks are not overdue here; a snoozed card (snoozed "
            + "in deal-service until a moment that has not passed) is not forgotten but counted as snoozed; a deal in "
            + "its stage longer than the stage's limit (rotAfterDays set on the stage, else the 80th percentile of "
            + "the finished stays in it once 5 deals have left it) and not snoozed is rotting, and carries the reason "
            + "ROTTING in the drill-downs.";

    @Schema(name = "ForgottenCardsManager")
    public record ManagerFigures(
            @Schema(description = "The manager.") UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "Their forgotten cards.") long forgottenCards,

            @Schema(description = "Days since the last touch of their oldest forgotten card.")
            long oldestForgottenDays,

            @Schema(description = "Their overdue tasks.") long overdueTasks,

            @Schema(description = "Days overdue of their oldest overdue task.")
            long oldestOverdueDays,

            @Schema(description = "oldestForgottenDays in working days of the tenant's calendar.")
            long oldestForgottenWorkingDays,

            @Schema(description = "oldestOverdueDays in working days of the tenant's calendar.")
            long oldestOverdueWorkingDays,

            @Schema(description = "Their rotting deals.") long rottingDeals,

            @Schema(description = "Their open cards snoozed now.")
            long snoozedCards) {}
}
