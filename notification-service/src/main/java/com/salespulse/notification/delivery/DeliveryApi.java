package com.salespulse.notification.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The records of the delivery log: a delivery with what became of it, and its attempts. */
public final class DeliveryApi {

    private DeliveryApi() {}

    @Schema(name = "Delivery", description = "One message to one subscription and what became of it.")
    public record DeliveryView(
            @Schema(description = "The delivery id; a webhook receiver sees it as webhook-id on every attempt.")
            UUID id,

            @Schema(description = "The subscription (subscriber) it is for.")
            UUID subscriptionId,

            @Schema(description = "The channel it goes over: WEBHOOK, EMAIL or BOT.")
            String channel,

            @Schema(description = "The alert it is about; absent for a digest.")
            UUID alertId,

            @Schema(description = "RAISED, RESOLVED or DIGEST.")
            DeliveryKind kind,

            @Schema(description = "The subscriber's local date of a digest.")
            LocalDate digestDate,

            @Schema(
                    description = "PENDING (waiting for an attempt), DELIVERED, DEAD (retry budget spent), SUPPRESSED "
                            + "(cooldown: the same condition was just sent), CANCELLED (unsubscribed).")
            DeliveryStatus status,

            @Schema(description = "Attempts made so far.") int attempts,
            @Schema(description = "When it was queued.") Instant createdAt,

            @Schema(description = "When it is next tried, while PENDING.")
            Instant nextAttemptAt,

            @Schema(description = "When the receiver accepted it.")
            Instant deliveredAt,

            @Schema(description = "The receiver's last HTTP status, if it answered.")
            Integer lastStatusCode,

            @Schema(description = "Why the last attempt failed.")
            String lastError,

            @Schema(description = "Why it waits or was not sent (quiet hours, cooldown, unsubscribed).")
            String note,

            @Schema(description = "Every attempt, oldest first.")
            List<Attempt> attemptLog) {

        public static DeliveryView of(DeliveryLog.Entry entry) {
            var d = entry.delivery();
            return new DeliveryView(
                    d.id,
                    d.subscriptionId,
                    entry.channel(),
                    d.alertId,
                    d.kind,
                    d.digestDate,
                    d.status,
                    d.attempts,
                    d.createdAt,
                    d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null,
                    d.deliveredAt,
                    d.lastStatusCode,
                    d.lastError,
                    d.note,
                    entry.attempts().stream()
                            .map(a -> new Attempt(
                                    a.number, a.startedAt, a.durationMs, a.statusCode, a.succeeded, a.error))
                            .toList());
        }
    }

    @Schema(name = "DeliveryAttempt", description = "One attempt to send.")
    public record Attempt(
            @Schema(description = "From 1.") int number,
            @Schema(description = "When it started.") Instant startedAt,

            @Schema(description = "How long it took, in milliseconds.")
            long durationMs,

            @Schema(description = "The receiver's HTTP status (webhook, bot), if it answered.")
            Integer statusCode,

            @Schema(description = "Whether the receiver accepted the message.")
            boolean succeeded,

            @Schema(description = "Why it failed.") String error) {}
}
