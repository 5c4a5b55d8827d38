package com.salespulse.deal.transfer;

import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/transfers")
@Tag(name = "Card transfers", description = "deal-service's part of moving a dismissed manager's cards")
@Produces(MediaType.APPLICATION_JSON)
public class CardTransferResource {

    private final CardTransferService transfers;

    public CardTransferResource(CardTransferService transfers) {
        this.transfers = transfers;
    }

    @Schema(name = "TransferredCard", description = "One card of a transfer.")
    public record Card(
            @Schema(description = "DEAL or TASK.") String cardType,

            @Schema(description = "The deal's or task's id.")
            UUID cardId,

            @Schema(description = "The new owner, when it moved.")
            UUID toManagerId,

            @Schema(description = "Why it did not move, when it did not.")
            String failure) {}

    @Schema(name = "DealCardTransfer", description = "What deal-service moved for a transfer started in lead-service.")
    public record TransferResponse(
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
            List<Card> moved,

            @Schema(description = "Cards that could not move, with the reason.")
            List<Card> failed) {

        static TransferResponse of(CardTransfer t) {
            List<Card> cards = t.items.stream()
                    .map(i -> new Card(i.cardType, i.cardId, i.toManagerId, i.failure))
                    .toList();
            return new TransferResponse(
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

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Read deal-service's part of a card transfer",
            description = "Answers 404 until deal-service "
                    + "has followed the transfer's salespulse.roster.card-transfer-started. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The transfer.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TransferResponse.class)))
    @APIResponse(responseCode = "404", description = "No such transfer (yet) in the caller's tenant.")
    public TransferResponse get(@PathParam("id") UUID id) {
        return transfers
                .find(id)
                .map(TransferResponse::of)
                .orElseThrow(() -> ProblemException.notFound("Transfer " + id));
    }
}
