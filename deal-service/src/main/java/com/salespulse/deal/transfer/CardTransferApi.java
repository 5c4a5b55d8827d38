package com.salespulse.deal.transfer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The card transfer API's response records: a transfer ({@link CardTransferView}) and its cards. */
public final class CardTransferApi {

    private CardTransferApi() {}

    @Schema(name = "TransferredCard", description = "One card of a transfer.")
    public record TransferredCard(
            @Schema(description = "DEAL or TASK.") String cardType,

            @Schema(description = "The deal's or task's id.")
            UUID cardId,

            @Schema(description = "The new owner, when it moved.")
            UUID toManagerId,

            @Schema(description = "Why it did not move, when it did not.")
            String failure) {}

    @Schema(name = "DealCardTransfer", description = "What deal-service moved for a transfer started in lead-service.")
    public record CardTransferView(
            @Schema(description = "The transfer's id (the same in lead-service).")
            UUID id,

            @Schema(description = "The manager whose cards moved.")
            UUID fromManagerId,

            @Schema(description = "The receivers, in hand-out order.")
            List<UUID> toManagerIds,

            @Schema(description = "NAMED or RULE, as lead-service chose the receivers.")
            String mode,

            @Schema(description = "Why the cards moved.") String reason,

            @Schema(description = "When lead-service started the transfer (UTC).")
            Instant startedAt,

            @Schema(description = "When deal-service finished its part (UTC).")
            Instant completedAt,

            @Schema(description = "Open deals and tasks that moved.")
            List<TransferredCard> moved,

            @Schema(description = "Cards that could not move, with the reason.")
            List<TransferredCard> failed) {

        static CardTransferView of(CardTransfer t) {
            List<TransferredCard> cards = t.items.stream()
                    .map(i -> new TransferredCard(i.cardType, i.cardId, i.toManagerId, i.failure))
                    .toList();
            return new CardTransferView(
                    t.id,
                    t.fromManagerId,
                    t.receivers(),
                    t.mode,
                    t.reason,
                    t.startedAt,
                    t.completedAt,
                    cards.stream().filter(c -> c.failure() == null).toList(),
                    cards.stream().filter(c -> c.failure() != null).toList());
        }
    }
}
