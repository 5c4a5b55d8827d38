package com.salespulse.messaging.deadletter;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of the dead-letter endpoints. */
public final class DeadLetterApi {

    private DeadLetterApi() {}

    @Schema(description = "A record parked on the service's dead-letter topic.")
    public record DeadLetter(
            @Schema(description = "Partition of the dead-letter topic.")
            int partition,

            @Schema(description = "Offset on the dead-letter topic: what a replay selects by.")
            long offset,

            @Schema(description = "The topic the record was read from.")
            String originalTopic,

            @Schema(description = "Its partition there.") Integer originalPartition,
            @Schema(description = "Its offset there.") Long originalOffset,

            @Schema(description = "The record's key (the aggregate id).")
            String key,

            @Schema(description = "The CloudEvent id; null when the record is not a readable event.")
            String eventId,

            @Schema(description = "The CloudEvent type; null when the record is not a readable event.")
            String eventType,

            @Schema(description = "Why the consumer refused it.")
            String reason,

            @Schema(description = "The class of the failure.")
            String failure,

            @Schema(description = "When it was parked.") Instant deadLetteredAt,

            @Schema(description = "When ops last replayed it; null when never.")
            Instant replayedAt,

            @Schema(description = "Who last replayed it.") String replayedBy,

            @Schema(description = "How many times it was replayed.")
            int replays) {}

    @Schema(description = "One page of parked records, oldest first.")
    public record DeadLetterPage(
            @Schema(description = "The dead-letter topic read.")
            String topic,

            @Schema(description = "The records on this page.")
            List<DeadLetter> items,

            @Schema(description = "Page number, from 0.") int page,
            @Schema(description = "Page size.") int size,

            @Schema(description = "How many records the topic holds.")
            long total) {}

    @Schema(
            description = "Which parked records to replay: all (\"all\": true), or those matching every criterion "
                    + "given (partition, offset range, event ids).")
    public record ReplayRequest(
            @Schema(description = "Replay every parked record; not together with a criterion.")
            Boolean all,

            @Schema(description = "Only records of this dead-letter partition.")
            Integer partition,

            @Schema(description = "Only records at this dead-letter offset or later.")
            Long fromOffset,

            @Schema(description = "Only records at this dead-letter offset or earlier.")
            Long toOffset,

            @Schema(description = "Only records carrying one of these CloudEvent ids (at most 1000).") @Size(max = 1000)
            List<@Size(max = 200) String> eventIds) {}

    @Schema(description = "What a replay re-published to the original topics.")
    public record ReplayResult(
            @Schema(description = "How many records were re-published.")
            int replayed,

            @Schema(description = "The records re-published, as listed after the replay.")
            List<DeadLetter> records) {}
}
