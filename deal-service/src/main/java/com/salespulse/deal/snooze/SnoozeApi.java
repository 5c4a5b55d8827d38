package com.salespulse.deal.snooze;

import com.salespulse.deal.task.Task;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The snooze API's request and response records. */
public final class SnoozeApi {

    private SnoozeApi() {}

    @Schema(name = "SnoozeCardRequest", description = "A card put to sleep until a moment, with a reason.")
    public record Snooze(
            @Schema(description = "LEAD or DEAL.", required = true) @NotNull(message = "LEAD or DEAL is required")
            Task.CardType cardType,

            @Schema(description = "The lead's or the deal's id.", required = true)
            @NotNull(message = "the card's id is required")
            UUID cardId,

            @Schema(
                    description = "Until when it sleeps, ISO-8601 with offset: later than now, at most 365 days ahead. "
                            + "It wakes by itself then.",
                    example = "2026-12-15T09:00:00+03:00",
                    required = true)
            @NotNull(message = "the moment it wakes is required")
            Instant until,

            @Schema(description = "Why, in a few words.", example = "client on holiday until the 15th", required = true)
            @NotBlank(message = "a reason is required")
            @Size(max = 500)
            String reason) {}

    @Schema(name = "CardSnooze", description = "A snoozed card.")
    public record SnoozeView(
            @Schema(description = "LEAD or DEAL.") Task.CardType cardType,
            @Schema(description = "The card's id.") UUID cardId,

            @Schema(description = "Until when it sleeps (UTC).")
            Instant until,

            @Schema(description = "Why.") String reason,

            @Schema(description = "When it was snoozed (UTC).")
            Instant snoozedAt,

            @Schema(description = "Whether it still sleeps now (false once `until` has passed).")
            boolean snoozed) {

        static SnoozeView of(CardSnooze s, Instant now) {
            return new SnoozeView(s.cardType, s.cardId, s.snoozedUntil, s.reason, s.snoozedAt, s.sleepsAt(now));
        }
    }
}
