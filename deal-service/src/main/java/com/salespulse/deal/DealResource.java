package com.salespulse.deal;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.StaleStateException;

@Path("/api/v1/deals")
@Tag(name = "Deals", description = "Deals from opening to won or lost")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DealResource {

    /** A by-ref PUT that keeps losing the optimistic-lock race to a consumer gives up after this many tries. */
    private static final int UPSERT_ATTEMPTS = 3;

    private final DealService deals;
    private final CurrentCaller caller;

    public DealResource(DealService deals, CurrentCaller caller) {
        this.deals = deals;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Open a deal for a known client",
            description = "For a client who has a deal already (a "
                    + "repeat sale when they have a won one: the deal is flagged), or one lead-service created (their first "
                    + "deal, without converting a lead). Other entities by id or by reference (clientRef, managerRef, "
                    + "pipelineRef, stageRef, lines[].productRef). A reference (externalSystem + externalId) another deal has "
                    + "answers 409: PUT /api/v1/deals/by-ref/{externalSystem}/{externalId} creates or updates. Emits "
                    + "salespulse.deal.opened at occurredAt. A manager opens deals only for themselves. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The deal was opened; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid (unknown client, a manager not on the "
                    + "tenant's roster or dismissed, a stage of another pipeline, a deactivated product, a currency that is no "
                    + "real money, a reference naming nothing, occurredAt in the future); the problem names it.")
    @APIResponse(responseCode = "409", description = "Another deal has that external reference.")
    public Response open(@NotNull(message = "a JSON body is required") @Valid DealApi.NewDeal request) {
        ExternalRef ref = ExternalRef.ofPair(request.externalSystem(), request.externalId());
        Deal deal = deals.open(caller.scope(), request.newDeal(request.managerId(), ref));
        return Response.created(URI.create("/api/v1/deals/" + deal.id))
                .entity(DealApi.Deal.of(deal))
                .build();
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Create or update a deal by its external reference",
            description = "The state upsert: "
                    + "creates the deal in the state sent (salespulse.deal.opened at occurredAt, then won or lost when the "
                    + "stage is the WON or LOST one), or brings the existing deal to it, emitting what the single operations "
                    + "emit, each at occurredAt: deal.reopened, deal.reassigned, deal.updated, deal.stage-moved, deal.won, "
                    + "deal.lost. Fields left out keep their value on an existing deal; its client cannot change, and "
                    + "clientName, source and referredBy are taken when it opens. A stage of another pipeline moves the deal "
                    + "into that pipeline (a CRM keeps deals in several): deal.stage-moved carries the new pipelineId, a "
                    + "closed deal is reopened in its own pipeline first. The same request twice changes nothing "
                    + "and emits nothing the second time. A change older than the deal's last one answers 409 stale-change. "
                    + "An archived deal is not changed: a state that differs from it answers 409 (restore it first), "
                    + "the state it already has 200 as any repeat. "
                    + "?dryRun=true validates everything and answers what the call would, writing nothing. "
                    + "Roles: head, team-lead, manager (own deals), integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The deal was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(
            responseCode = "200",
            description = "The deal was updated, or already was in that state.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is invalid (as for opening; a stage not of the pipeline "
                    + "also named, a LOST stage without lossReason, a client that differs from the deal's, occurredAt in the "
                    + "future or before the deal opened); the problem names it.")
    @APIResponse(
            responseCode = "409",
            description = "occurredAt is before the deal's last recorded change "
                    + "(stale-change), a closed deal's manager or terms were to change without reopening it, or the "
                    + "deal is archived and the state sent differs from it.")
    public Response put(
            @BeanParam ByRefUpsert byRef, @NotNull(message = "a JSON body is required") @Valid DealApi.State request) {
        ExternalRef ref = byRef.ref();
        DealService.Upserted result = upsertRetryingALostRace(request.state(ref), byRef.dryRun());
        DealApi.Deal body = DealApi.Deal.of(result.deal());
        return ByRefUpsert.answer(result.created(), "/api/v1/deals/" + result.deal().id, body);
    }

    /**
     * A by-ref PUT can lose an optimistic-lock race to the conversion consumer changing the same deal: the commit
     * fails (a RollbackException around the OptimisticLockException). The state sent is absolute, so it is simply
     * brought about again on the deal as it now is, in a fresh transaction; a third loss answers as before.
     */
    private DealService.Upserted upsertRetryingALostRace(DealService.DealState state, boolean dryRun) {
        for (int attempt = 1; ; attempt++) {
            try {
                return deals.upsert(caller.scope(), state, dryRun);
            } catch (Exception e) {
                if (attempt == UPSERT_ATTEMPTS || !lostOptimisticLock(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean lostOptimisticLock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a deal by its external reference",
            description = "A manager reads only their own. " + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "404", description = "No deal with that reference among those the caller may see.")
    public DealApi.Deal getByRef(@BeanParam ByRef byRef) {
        ExternalRef ref = byRef.ref();
        return deals.findByRef(ref, caller.scope())
                .map(DealApi.Deal::of)
                .orElseThrow(() -> ProblemException.notFound("Deal " + byRef));
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List deals",
            description = "Newest first unless sort says otherwise (the id breaks ties, so pages never overlap): the "
                    + "whole tenant for a head of sales or an integrator, their own for a manager. Narrowed by when "
                    + "the deals were opened or closed (instants, from inclusive, to exclusive), by their expected "
                    + "close date (dates, both inclusive) and by text in the client's name or the deal's external id "
                    + "(q, case-insensitive). Archived deals are listed only with archived=true (the archive), never "
                    + "beside the working ones. A filter left out filters nothing; one given blank or unreadable "
                    + "(archived=maybe), or a range whose end is before its start, is refused with 400 naming it. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of deals.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.DealPage.class)))
    public DealApi.DealPage list(
            @Parameter(description = "Only this manager's deals.") @QueryParam("managerId") UUID managerId,
            @Parameter(description = "Only deals with this status: OPEN, WON or LOST.") @QueryParam("status")
                    Deal.Status status,
            @Parameter(description = "Only this client's deals.") @QueryParam("clientId") UUID clientId,
            @Parameter(
                            description = "true: the archive (only archived deals) instead of the working list (the "
                                    + "default, false: only deals not archived).")
                    @QueryParam("archived")
                    Boolean archived,
            @Parameter(
                            description = "Opened at or after this instant, e.g. 2026-11-01T00:00:00Z.",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 64))
                    @QueryParam("openedFrom")
                    Instant openedFrom,
            @Parameter(
                            description = "Opened before this instant; after openedFrom.",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 64))
                    @QueryParam("openedTo")
                    Instant openedTo,
            @Parameter(
                            description = "Won or lost at or after this instant (open deals never match).",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 64))
                    @QueryParam("closedFrom")
                    Instant closedFrom,
            @Parameter(
                            description = "Won or lost before this instant; after closedFrom.",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 64))
                    @QueryParam("closedTo")
                    Instant closedTo,
            @Parameter(
                            description = "Expected to close on or after this date, e.g. 2026-12-01 (deals without "
                                    + "one never match).",
                            schema = @Schema(type = SchemaType.STRING, format = "date", maxLength = 10))
                    @QueryParam("expectedCloseFrom")
                    LocalDate expectedCloseFrom,
            @Parameter(
                            description = "Expected to close on or before this date; not before expectedCloseFrom.",
                            schema = @Schema(type = SchemaType.STRING, format = "date", maxLength = 10))
                    @QueryParam("expectedCloseTo")
                    LocalDate expectedCloseTo,
            @Parameter(
                            description = "Text in the client's name or the deal's external id, any case.",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
                    @QueryParam("q")
                    String text,
            @Parameter(
                            description = "The order: openedAt, closedAt, expectedCloseDate, amount, clientName or "
                                    + "lastChangeAt; a leading - for descending (empty values last). Left out: "
                                    + "-openedAt, newest first.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 20,
                                            enumeration = {
                                                "openedAt",
                                                "-openedAt",
                                                "closedAt",
                                                "-closedAt",
                                                "expectedCloseDate",
                                                "-expectedCloseDate",
                                                "amount",
                                                "-amount",
                                                "clientName",
                                                "-clientName",
                                                "lastChangeAt",
                                                "-lastChangeAt"
                                            }))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        for (var given : new Object[][] {
            {"openedFrom", openedFrom},
            {"openedTo", openedTo},
            {"closedFrom", closedFrom},
            {"closedTo", closedTo},
            {"expectedCloseFrom", expectedCloseFrom},
            {"expectedCloseTo", expectedCloseTo},
            {"archived", archived}
        }) {
            if (given[1] == null && query.containsKey((String) given[0])) {
                throw ProblemException.invalidField(
                        (String) given[0], "must not be blank; leave the parameter out not to filter by it");
            }
        }
        if (openedFrom != null && openedTo != null && !openedTo.isAfter(openedFrom)) {
            throw ProblemException.invalidField("openedTo", "must be after openedFrom");
        }
        if (closedFrom != null && closedTo != null && !closedTo.isAfter(closedFrom)) {
            throw ProblemException.invalidField("closedTo", "must be after closedFrom");
        }
        if (expectedCloseFrom != null && expectedCloseTo != null && expectedCloseTo.isBefore(expectedCloseFrom)) {
            throw ProblemException.invalidField("expectedCloseTo", "must not be before expectedCloseFrom");
        }
        if (text == null && query.containsKey("q")) {
            text = "";
        }
        if (text != null && (text.isBlank() || text.length() > 200)) {
            throw ProblemException.invalidField(
                    "q",
                    text.isBlank()
                            ? "must not be blank; leave the parameter out not to filter by it"
                            : "must be at most 200 characters");
        }
        SortOrder order = SortOrder.parse(sort, query, "-openedAt", DealApi.SORT);
        DealService.DealPage result = deals.list(
                new DealRepository.Filter(
                        caller.scope(),
                        managerId,
                        status,
                        clientId,
                        openedFrom,
                        openedTo,
                        closedFrom,
                        closedTo,
                        expectedCloseFrom,
                        expectedCloseTo,
                        text == null ? null : text.trim(),
                        Boolean.TRUE.equals(archived)),
                order,
                paging.page(),
                paging.size());
        return new DealApi.DealPage(
                result.items().stream().map(DealApi.Deal::of).toList(), result.page(), result.size(), result.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read one deal",
            description = "A manager reads only their own. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    public DealApi.Deal get(@PathParam("id") UUID id) {
        return found(id, deals.find(id, caller.scope()));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Change a deal's terms",
            description = "Amount, currency, lines, expected close date of an open "
                    + "deal. Send the version you read; a deal changed since answers 409. Emits salespulse.deal.updated with "
                    + "before and after. Roles: head, team-lead, manager (own deals), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The deal changed since the version sent, or it is closed.")
    public DealApi.Deal update(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid DealApi.Update request) {
        return found(
                id,
                deals.update(
                        id,
                        caller.scope(),
                        new DealService.TermsChange(
                                request.version(),
                                request.amount(),
                                request.currency(),
                                request.lines() == null
                                        ? null
                                        : request.lines().stream()
                                                .map(DealApi.NewLine::spec)
                                                .toList(),
                                request.expectedCloseDate(),
                                request.reason(),
                                request.occurredAt())));
    }

    @POST
    @Path("/{id}/stage")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Move a deal to another stage",
            description = "Only to an OPEN stage of the deal's own pipeline "
                    + "(win or lose it to close it). Emits salespulse.deal.stage-moved with both stages' probabilities in force. "
                    + "Roles: head, team-lead, manager (own deals), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "400", description = "The stage is not an open stage of the deal's pipeline.")
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The deal is closed, or already in that stage.")
    public DealApi.Deal moveStage(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid DealApi.MoveStage request) {
        return found(
                id, deals.moveStage(id, caller.scope(), request.stageId(), request.reason(), request.occurredAt()));
    }

    @POST
    @Path("/{id}/win")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Win a deal",
            description =
                    "Moves it to the pipeline's WON stage with its final amount. Emits "
                            + "salespulse.deal.won. Winning a deal twice answers 409. Roles: head, team-lead, manager (own deals), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The deal is already won or lost.")
    public DealApi.Deal win(@PathParam("id") UUID id, @Valid DealApi.Win request) {
        return found(
                id,
                deals.win(
                        id,
                        caller.scope(),
                        request == null ? null : request.finalAmount(),
                        request == null ? null : request.occurredAt()));
    }

    @POST
    @Path("/{id}/lose")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Lose a deal",
            description = "With a reason code from the tenant's catalogue (GET "
                    + "/api/v1/loss-reasons), pressure-type reasons included. Emits salespulse.deal.lost with the reason's kind. "
                    + "Roles: head, team-lead, manager (own deals), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one not in the catalogue.")
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The deal is already won or lost.")
    public DealApi.Deal lose(
            @PathParam("id") UUID id,
            @NotNull(message = "a JSON body with a reasonCode is required") @Valid DealApi.Lose request) {
        return found(id, deals.lose(id, caller.scope(), request.reasonCode(), request.comment(), request.occurredAt()));
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Reopen a won or lost deal",
            description = "Emits salespulse.deal.reopened. Roles: head, " + "manager (own deals), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "400", description = "The stage is not an open stage of the deal's pipeline.")
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The deal is open.")
    public DealApi.Deal reopen(@PathParam("id") UUID id, @Valid DealApi.Reopen request) {
        return found(
                id,
                deals.reopen(
                        id,
                        caller.scope(),
                        request == null ? null : request.stageId(),
                        request == null ? null : request.reason(),
                        request == null ? null : request.occurredAt()));
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Archive an open deal",
            description =
                    "With a reason: it keeps its stage and owner, leaves the working lists and analytics' \"now\" "
                            + "metrics (manager load, forgotten cards, overdue tasks, a dismissed manager's base) and stays in "
                            + "the flow metrics (inflow, cycle, won and lost history). Every change but a restore answers 409 "
                            + "while it is archived. Emits salespulse.deal.archived. Roles: head, team-lead, manager (own deals).")
    @APIResponse(
            responseCode = "200",
            description = "The deal, archived.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "400", description = "No reason, or occurredAt invalid; the problem names the field.")
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The deal is won, lost or archived already, or a stale change.")
    public DealApi.Deal archive(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid DealApi.Archive request) {
        return found(id, deals.archive(id, caller.scope(), request.reason(), request.occurredAt()));
    }

    @POST
    @Path("/{id}/restore")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Restore an archived deal",
            description = "Back in the working lists and the \"now\" metrics, in the stage it had. "
                    + "Emits salespulse.deal.restored. Roles: head, team-lead, manager (own deals).")
    @APIResponse(
            responseCode = "200",
            description = "The deal, restored.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "400", description = "No reason, or occurredAt invalid; the problem names the field.")
    @APIResponse(responseCode = "404", description = "No such deal among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The deal is not archived, or a stale change.")
    public DealApi.Deal restore(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid DealApi.Archive request) {
        return found(id, deals.restore(id, caller.scope(), request.reason(), request.occurredAt()));
    }

    @POST
    @Path("/{id}/reassign")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Give an open deal to another manager",
            description = "Emits salespulse.deal.reassigned. "
                    + "The new owner is a manager of the tenant's roster who is not dismissed (400 naming managerId otherwise). "
                    + "A dismissed manager's deals move by the card transfer instead. A team lead gives their teams' deals "
                    + "to their teams' managers only (another deal: 404; another manager: 400 naming managerId). "
                    + "Roles: head, team-lead, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The deal as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Deal.class)))
    @APIResponse(responseCode = "404", description = "No such deal in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The deal is closed.")
    public DealApi.Deal reassign(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid DealApi.Reassign request) {
        return found(
                id,
                deals.reassign(
                        id,
                        caller.scope(),
                        request.managerId(),
                        request.managerRef(),
                        request.reason(),
                        request.occurredAt()));
    }

    private static DealApi.Deal found(UUID id, Optional<Deal> deal) {
        return deal.map(DealApi.Deal::of).orElseThrow(() -> ProblemException.notFound("Deal " + id));
    }
}
