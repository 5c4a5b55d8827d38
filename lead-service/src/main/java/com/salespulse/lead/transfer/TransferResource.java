package com.salespulse.lead.transfer;

import com.salespulse.lead.roster.RosterService;
import com.salespulse.problem.NilUuid;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/transfers")
@Tag(name = "Transfers", description = "Card transfers from one manager to others, tracked with their outcome")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransferResource {

    private final TransferService transfers;
    private final RosterService roster;

    public TransferResource(TransferService transfers, RosterService roster) {
        this.transfers = transfers;
        this.roster = roster;
    }

    @POST
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Start a card transfer",
            description =
                    "Moves the manager's open leads now and emits "
                            + "salespulse.roster.card-transfer-started for deal-service to move the deals and open tasks. Role: head.")
    @APIResponse(
            responseCode = "201",
            description = "The transfer; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TransferApi.TransferView.class)))
    @APIResponse(
            responseCode = "400",
            description = "fromManagerId (or fromManagerRef.externalId) names no manager of "
                    + "the tenant, or a receiver is unknown, dismissed, absent or the giver (named by its position, "
                    + "toManagerIds[i] or toManagerRefs[i]).")
    @APIResponse(responseCode = "409", description = "Nobody can receive the cards by the rule.")
    public Response start(@NotNull(message = "a JSON body is required") @Valid TransferApi.NewTransfer request) {
        UUID transferId = roster.transfer(
                request.fromManagerId(),
                request.fromManagerRef(),
                request.toManagerIds(),
                request.toManagerRefs(),
                request.reason());
        return Response.created(URI.create("/api/v1/transfers/" + transferId))
                .entity(get(transferId))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Read a transfer",
            description = "Its progress and outcome: every card moved or failed and "
                    + "why, lead-service's and deal-service's parts. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The transfer.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TransferApi.TransferView.class)))
    @APIResponse(responseCode = "404", description = "No such transfer.")
    public TransferApi.TransferView get(@Parameter(description = "The transfer's id.") @PathParam("id") UUID id) {
        CardTransfer transfer = transfers.find(id).orElseThrow(() -> ProblemException.notFound("Transfer " + id));
        List<CardTransferItem> items = transfers.items(id);
        return new TransferApi.TransferView(
                transfer.id,
                transfer.fromManagerId,
                List.copyOf(transfer.toManagerIds),
                transfer.mode.name(),
                transfer.reason,
                transfer.status.name(),
                transfer.statusReason,
                transfer.attempts,
                transfer.requestedAt,
                transfer.timedOutAt,
                transfer.startedAt,
                transfer.completedAt,
                part(transfer.leadsCompletedAt, items, CardTransferItem.CardType.LEAD),
                part(transfer.dealsCompletedAt, items, CardTransferItem.CardType.DEAL),
                part(transfer.dealsCompletedAt, items, CardTransferItem.CardType.TASK),
                items.stream()
                        .map(i -> new TransferApi.TransferItem(
                                i.cardType.name(), i.cardId, i.outcome.name(), i.toManagerId, i.reason))
                        .toList());
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Retry a timed-out transfer",
            description = "Sends salespulse.roster.card-transfer-started again with the same transfer id and the next "
                    + "attempt number: deal-service moves what it has not moved (nothing twice) and answers. The "
                    + "transfer is IN_PROGRESS again and may time out again. No body. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The transfer, in progress again.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TransferApi.TransferView.class)))
    @APIResponse(responseCode = "404", description = "No such transfer.")
    @APIResponse(responseCode = "409", description = "The transfer is not TIMED_OUT.")
    public TransferApi.TransferView retry(@Parameter(description = "The transfer's id.") @PathParam("id") UUID id) {
        transfers.retry(id);
        return get(id);
    }

    @GET
    @RolesAllowed(Roles.HEAD)
    @Operation(summary = "List a manager's transfers", description = "Newest first. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The transfers.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TransferApi.TransferView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "fromManagerId missing or not a UUID.")
    public List<TransferApi.TransferView> list(
            @Parameter(description = "The manager whose cards moved.", required = true) @QueryParam("fromManagerId")
                    UUID fromManagerId) {
        UUID manager = NilUuid.refuse("fromManagerId", fromManagerId);
        if (manager == null) {
            throw ProblemException.invalidField("fromManagerId", "is required");
        }
        return transfers.ofManager(manager).stream().map(t -> get(t.id)).toList();
    }

    private static TransferApi.TransferPart part(
            Instant doneAt, List<CardTransferItem> items, CardTransferItem.CardType type) {
        int moved = (int) items.stream()
                .filter(i -> i.cardType == type && i.outcome == CardTransferItem.Outcome.MOVED)
                .count();
        int failed = (int) items.stream()
                .filter(i -> i.cardType == type && i.outcome == CardTransferItem.Outcome.FAILED)
                .count();
        return new TransferApi.TransferPart(doneAt != null, doneAt, moved, failed);
    }
}
