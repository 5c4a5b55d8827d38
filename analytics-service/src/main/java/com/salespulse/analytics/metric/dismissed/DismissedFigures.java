package com.salespulse.analytics.metric.dismissed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DismissedBaseFigures", description = DismissedFigures.DEFINITION)
public record DismissedFigures(
        @Schema(description = "Open cards still owned by dismissed managers, now.")
        long openCardsStillOwned,

        @Schema(description = "Every dismissed manager, most open cards first.")
        List<DismissedManager> dismissedManagers,

        @Schema(description = "The card transfers started in the period, each followed as a cohort, oldest first.")
        List<Cohort> transfers,

        @Schema(
                description =
                        "The same figures for the cards that came in during the period and were never transferred.")
        Cohort baseline,

        @Schema(description = "N, the days within which a card must be touched to count as touched.")
        int touchDays) {

    /** What the {@code teamId} filter means here; docs/metrics.md says the same. */
    static final String TEAM_RULE =
            "teamId: the dismissed managers who were in that team when they left, with the open "
                    + "cards they still own; in the cohorts and the baseline, a won or lost deal counts for the team its owner was "
                    + "in when it was won or lost, a rejected or converted lead for the team its owner was in then, and a card "
                    + "still open for its owner's team now (a cohort with none of the team's cards is not listed).";

    static final String DEFINITION =
            "Metric 12, dismissed managers' base. Now: the open cards (leads in NEW, IN_WORK or "
                    + "QUALIFIED and not archived, deals neither won nor lost) still owned by a dismissed manager, and the whole "
                    + "days since the dismissal. Each card transfer started in the period is a cohort of the leads and deals it "
                    + "moved: touched = first touch by anyone (contact attempt, status or stage change, completed task, logged "
                    + "activity) within touchDays (default 3) of the move; won = deal won; lost = deal lost or lead rejected; "
                    + "still idle = open and never touched since the move; shares are of the cohort's cards. The baseline is the "
                    + "same figures for the leads and deals that came in during the period and were never transferred, touch "
                    + "counted from their creation. Archived leads are kept out of the cohorts and the baseline. A manager sees only the cohort cards they received and their own baseline cards.";

    @Schema(name = "DismissedManager")
    public record DismissedManager(
            @Schema(description = "The manager.") UUID managerId,
            @Schema(description = "Their name.") String name,

            @Schema(description = "When they were dismissed.")
            Instant dismissedAt,

            @Schema(description = "Whole days since.") long daysSinceDismissal,

            @Schema(description = "Open cards they still own.")
            long openCards) {}

    @Schema(name = "TransferCohort")
    public record Cohort(
            @Schema(description = "The transfer; absent for the baseline.")
            UUID transferId,

            @Schema(description = "Whose cards moved; absent for the baseline.")
            UUID fromManagerId,

            @Schema(description = "Their name from the roster; absent for the baseline.")
            String fromManagerName,

            @Schema(description = "Why, when given.") String reason,

            @Schema(description = "When the transfer began; absent for the baseline.")
            Instant startedAt,

            @Schema(description = "Cards in the cohort.") long cards,

            @Schema(description = "Touched within touchDays.")
            long touched,

            @Schema(description = "touched / cards, 4 places.")
            BigDecimal touchedShare,

            @Schema(description = "Won deals.") long won,
            @Schema(description = "won / cards.") BigDecimal wonShare,

            @Schema(description = "Lost deals and rejected leads.")
            long lost,

            @Schema(description = "lost / cards.") BigDecimal lostShare,
            @Schema(description = "Open and never touched.") long stillIdle,
            @Schema(description = "stillIdle / cards.") BigDecimal stillIdleShare) {}
}
