package com.salespulse.deal.transfer;

import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
                            schema = @Schema(implementation = CardTransferApi.CardTransferView.class)))
    @APIResponse(responseCode = "404", description = "No such transfer (yet) in the caller's tenant.")
    public CardTransferApi.CardTransferView get(@PathParam("id") UUID id) {
        return transfers
                .find(id)
                .map(CardTransferApi.CardTransferView::of)
                .orElseThrow(() -> ProblemException.notFound("Transfer " + id));
    }
}
