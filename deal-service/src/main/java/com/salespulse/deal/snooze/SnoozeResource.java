package com.salespulse.deal.snooze;

import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/snoozes")
@Tag(name = "Snoozes", description = "Cards (leads and deals) put to sleep until a moment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SnoozeResource {

    private final SnoozeService snoozes;
    private final CurrentCaller caller;
    private final Clock clock;

    public SnoozeResource(SnoozeService snoozes, CurrentCaller caller, Clock clock) {
        this.snoozes = snoozes;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Snooze a card until a moment",
            description = "A lead or an open deal sleeps until `until`, with a reason: analytics counts it as snoozed, "
                    + "not as forgotten and not as rotting, and it wakes by itself when the moment passes. Snoozing a "
                    + "sleeping card again moves its moment and reason. Emits salespulse.card.snoozed. Roles: head, "
                    + "manager (their own deals and leads: a lead's owner as lead-service's lead.created and "
                    + "lead.assigned told deal-service, normally within a second).")
    @APIResponse(
            responseCode = "200",
            description = "The card, snoozed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SnoozeApi.SnoozeView.class)))
    @APIResponse(
            responseCode = "400",
            description = "until not later than now or more than 365 days ahead, an empty reason, a card the caller "
                    + "may not see (a deal or lead of another manager); the problem names the field.")
    @APIResponse(responseCode = "409", description = "The deal is won, lost or archived.")
    public SnoozeApi.SnoozeView snooze(@NotNull(message = "a JSON body is required") @Valid SnoozeApi.Snooze request) {
        CardSnooze snooze =
                snoozes.snooze(caller.scope(), request.cardType(), request.cardId(), request.until(), request.reason());
        return SnoozeApi.SnoozeView.of(snooze, clock.instant());
    }

    @GET
    @Path("/{cardId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Read a card's snooze",
            description = "The last snooze of the card, `snoozed` false once its moment has passed. Roles: head, "
                    + "manager (their own deals and leads).")
    @APIResponse(
            responseCode = "200",
            description = "The card's snooze.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SnoozeApi.SnoozeView.class)))
    @APIResponse(responseCode = "404", description = "The card was never snoozed, or was woken by hand.")
    public SnoozeApi.SnoozeView get(@Parameter(description = "The card's id.") @PathParam("cardId") UUID cardId) {
        return snoozes.find(caller.scope(), cardId)
                .map(s -> SnoozeApi.SnoozeView.of(s, clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("Snooze of card " + cardId));
    }

    @DELETE
    @Path("/{cardId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Wake a snoozed card",
            description = "Before its moment, by hand. Emits salespulse.card.unsnoozed. Roles: head, team-lead (their "
                    + "teams' deals and leads), manager (their own deals and leads).")
    @APIResponse(responseCode = "204", description = "The card is awake.")
    @APIResponse(responseCode = "404", description = "The card is not snoozed (never, woken, or its moment passed).")
    public void wake(@Parameter(description = "The card's id.") @PathParam("cardId") UUID cardId) {
        snoozes.wake(caller.scope(), cardId).orElseThrow(() -> ProblemException.notFound("Snoozed card " + cardId));
    }
}
