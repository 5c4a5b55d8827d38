package com.salespulse.analytics.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RebuildProgress", description = "How far a rebuild of the read model from the topics has got.")
public record RebuildProgress(
        @Schema(description = "The rebuild's id; null when none has run.")
        UUID id,

        @Schema(
                description = "ALL_TENANTS: every tenant's read model is rebuilt (ops); TENANT: the caller's tenant's "
                        + "alone (a head of sales).")
        String scope,

        @Schema(description = "Who started it (user:<subject> of the token).")
        String requestedBy,

        @Schema(description = "The analytics-service instance that runs it.")
        String instance,

        @Schema(
                description = "How many appliers it runs side by side, each reading and applying its own share of the "
                        + "partitions (salespulse.rebuild.appliers); null for a rebuild from before the choice (one).")
        Integer appliers,

        @Schema(
                description =
                        "IDLE (none yet), RUNNING (reading the topics into the new generation), SWAPPING (catching "
                                + "up the last records with live applies held off), DONE (the new generation answers) or FAILED.")
        State state,

        @Schema(
                description = "The generation being built (or built last); for a tenant's rebuild a scratch generation "
                        + "(negative) whose rows replace the tenant's rows of the live generation at the swap.")
        Integer generation,

        @Schema(description = "The generation that answered when the rebuild began.")
        Integer replacedGeneration,

        @Schema(description = "Records read from the topics so far (applied, repeated or malformed).")
        long eventsRead,

        @Schema(description = "Records applied to the new generation.")
        long eventsApplied,

        @Schema(description = "Records skipped: repeated event ids or records that are not valid events.")
        long eventsSkipped,

        @Schema(
                description = "Records on the topics when the rebuild began (end minus earliest offsets); more may "
                        + "arrive meanwhile. Null until the rebuild has read the topics' offsets (just after it is started) and "
                        + "when none has run.")
        Long eventsTotal,

        @Schema(
                description =
                        "eventsRead / eventsTotal in percent, one decimal, at most 100; 100 for a rebuild of empty "
                                + "topics. Null while eventsTotal is, so a rebuild that has just started never shows 100.")
        BigDecimal percent,

        @Schema(description = "When the rebuild began.") Instant startedAt,

        @Schema(description = "When the new generation went live, or the rebuild failed.")
        Instant finishedAt,

        @Schema(description = "Why it failed.") String error,

        @Schema(
                description = "When the running instance last wrote its progress; a running rebuild whose heartbeat "
                        + "is older than the stale timeout is taken over by the next start.")
        Instant heartbeatAt,

        @Schema(
                description = "Per partition (\"topic-partition\"): the offset up to which its records are applied to "
                        + "the new generation; against endOffsets, each partition's progress (the swap waits for every "
                        + "partition to reach its end).")
        Map<String, Long> positions,

        @Schema(description = "Per partition: the end offset when the rebuild began, the target of eventsTotal.")
        Map<String, Long> endOffsets) {

    public static final String ALL_TENANTS = "ALL_TENANTS";
    public static final String TENANT = "TENANT";

    public enum State {
        IDLE,
        RUNNING,
        SWAPPING,
        DONE,
        FAILED
    }

    static RebuildProgress idle() {
        return new RebuildProgress(
                null,
                null,
                null,
                null,
                null,
                State.IDLE,
                null,
                null,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of());
    }

    /** A rebuild just started: nothing read, and the totals not known until the topics' offsets are read. */
    static RebuildProgress started(int generation, int replacedGeneration, Instant at) {
        return new RebuildProgress(
                null,
                ALL_TENANTS,
                null,
                null,
                null,
                State.RUNNING,
                generation,
                replacedGeneration,
                0,
                0,
                0,
                null,
                null,
                at,
                null,
                null,
                at,
                Map.of(),
                Map.of());
    }

    /** read / total in percent, at most 100; absent while the total is not known, 100 when there is nothing to read. */
    static BigDecimal percent(long read, Long total) {
        if (total == null) {
            return null;
        }
        if (total == 0) {
            return BigDecimal.valueOf(100);
        }
        return BigDecimal.valueOf(Math.min(read, total) * 100).divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN);
    }
}
