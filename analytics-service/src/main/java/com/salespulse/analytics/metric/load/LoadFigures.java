package com.salespulse.analytics.metric.load;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ManagerLoadFigures", description = LoadFigures.DEFINITION)
public record LoadFigures(
        @Schema(description = "Open cards of the managers shown, now.")
        long openCards,

        @Schema(description = "Per manager, most open cards first.")
        List<ManagerLoad> managers,

        @Schema(description = "Per stage (a lead's status counts as its stage), most open cards first.")
        List<StageLoad> stages,

        @Schema(description = "The bottleneck stage; absent with no open card.")
        Bottleneck bottleneck,

        @Schema(description = "Managers above the capacity limit (CAPACITY_USE_PERCENT).")
        List<UUID> overloaded,

        @Schema(description = "Managers using less than a quarter of their capacity.")
        List<UUID> idle,

        @Schema(
                description =
                        "Open deals of the managers shown that are rotting: in their stage longer than its limit.")
        long rottingDeals,

        @Schema(
                description =
                        "Open cards of the managers shown that are snoozed now (still open, still counted above).")
        long snoozedCards) {

    /** What the {@code teamId} filter means here; docs/metrics.md says the same. */
    static final String TEAM_RULE = "teamId: the managers in that team now and every open card they own now (a manager "
            + "who moved teams is counted, with all their open cards, in the new team only).";

    static final String DEFINITION =
            "Metric 3, manager load, true at the moment of the query: the open cards (leads in "
                    + "NEW, IN_WORK or QUALIFIED and not archived, deals neither won nor lost) per owner and stage. Capacity use = "
                    + "open cards / the manager's capacity (from the roster). A manager is OVERLOADED above the tenant's "
                    + "CAPACITY_USE_PERCENT (default 100%), IDLE below 25%, else NORMAL; a manager the roster does not know has no "
                    + "capacity and is NORMAL. Per stage: days in stage of its open cards (mean) against its usual time, the mean "
                    + "length of all finished stays in that stage. The bottleneck is the stage whose cards stay longest beyond "
                    + "their usual time (ratio above 1, STAYING_LONGER); if none does, the stage holding most open cards "
                    + "(PILING_UP). Dismissed managers are not listed (metric 12 follows their cards). The period is not used. "
                    + "Archived deals are not open cards here. A deal is ROTTING when it has been in its stage longer "
                    + "than the stage's limit: the rotAfterDays set on the stage in deal-service, else the 80th "
                    + "percentile of the finished stays of deals in it once at least 5 have left it (fewer: nothing "
                    + "rots there); a snoozed card never rots. Per manager: rotting deals and snoozed cards (a snoozed "
                    + "card stays an open card; it wakes when its moment passes).";

    @Schema(name = "ManagerLoad")
    public record ManagerLoad(
            @Schema(description = "The manager.") UUID managerId,

            @Schema(description = "Their name, when the roster knows them.")
            String name,

            @Schema(description = "Most open cards they should hold; absent when unknown.")
            Integer capacity,

            @Schema(description = "Their open cards.") long openCards,

            @Schema(description = "openCards / capacity, 4 places; absent without a capacity.")
            BigDecimal capacityUse,

            @Schema(description = "OVERLOADED, IDLE or NORMAL.")
            String state,

            @Schema(description = "Their open cards per stage.")
            List<StageCount> byStage,

            @Schema(description = "Their rotting deals (in their stage longer than its limit, not snoozed).")
            long rottingDeals,

            @Schema(description = "Their open cards snoozed now.")
            long snoozedCards) {}

    @Schema(name = "ManagerLoadStageCount")
    public record StageCount(
            @Schema(description = "The stage: LEAD:<status> or a deal stage id.")
            String stage,

            @Schema(description = "The stage's name.") String label,
            @Schema(description = "Open cards in it.") long count) {}

    @Schema(name = "ManagerLoadStage")
    public record StageLoad(
            @Schema(description = "The stage: LEAD:<status> or a deal stage id.")
            String stage,

            @Schema(description = "The stage's name.") String label,
            @Schema(description = "Open cards in it.") long openCards,

            @Schema(description = "Mean days its open cards have spent in it so far, 1 place.")
            BigDecimal meanDaysInStage,

            @Schema(description = "Mean days of finished stays in it, 1 place; absent before any card left it.")
            BigDecimal usualDays) {}

    @Schema(name = "ManagerLoadBottleneck")
    public record Bottleneck(
            @Schema(description = "The stage.") String stage,
            @Schema(description = "Its name.") String label,

            @Schema(description = "STAYING_LONGER or PILING_UP.")
            String reason) {}
}
