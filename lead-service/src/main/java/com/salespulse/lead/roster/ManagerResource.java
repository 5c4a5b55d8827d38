package com.salespulse.lead.roster;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/managers")
@Tag(name = "Roster")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ManagerResource {

    private final RosterService roster;
    private final ManagerViews views;

    public ManagerResource(RosterService roster, ManagerViews views) {
        this.roster = roster;
        this.views = views;
    }

    @POST
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Hire a manager",
            description = "Active from now on, with a team, a capacity and a weekly shift "
                    + "schedule in the tenant's time zone. Emits salespulse.roster.manager-hired. Role: head.")
    @APIResponse(
            responseCode = "201",
            description = "The manager.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.ManagerView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid (the nil UUID as id, a team not of "
                    + "the tenant, a shift ending before it starts); the problem names it.")
    @APIResponse(responseCode = "409", description = "A manager with this id is on the roster.")
    public Response hire(@NotNull(message = "a JSON body is required") @Valid RosterApi.NewManager request) {
        Manager manager = roster.hire(
                request.id(),
                profile(request),
                new RosterService.Ref(request.externalSystem(), request.externalId()),
                request.occurredAt());
        return Response.created(URI.create("/api/v1/managers/" + manager.id))
                .entity(views.one(manager.id))
                .build();
    }

    private static RosterService.Profile profile(RosterApi.NewManager request) {
        return new RosterService.Profile(
                request.name(), request.teamId(), request.capacity(), shifts(request.shifts()), request.teamRef());
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Hire or update a manager by their external reference (state upsert)",
            description =
                    "For "
                            + "integrators. Unknown reference: hired as by POST /api/v1/managers, at occurredAt (hiredAt); 201. "
                            + "Known: name, team, capacity and shifts are compared and a difference is applied as PATCH does (one "
                            + "salespulse.roster.manager-updated at occurredAt, not before hiring, not before the last change: 409 "
                            + "stale-change); 200. Nothing different: nothing written or emitted. The same request twice: one manager, "
                            + "one event. dryRun=true answers what the real call would and writes nothing. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The manager existed; it now matches the body (or already did).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.ManagerView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The manager was hired; Location points to them.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.ManagerView.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "A field is invalid (an unknown teamRef names teamRef.externalId, "
                            + "a body reference other than the path's, occurredAt in the future or before hiring); the problem names it.")
    @APIResponse(
            responseCode = "409",
            description = "The id is another manager's, the manager was dismissed, or a " + "stale change.")
    public Response upsert(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.NewManager request) {
        ExternalRef ref = byRef.ref();
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        RosterService.Upserted<Manager> result =
                roster.upsertManager(ref, request.id(), profile(request), request.occurredAt(), byRef.dryRun());
        RosterApi.ManagerView view = views.of(result.entity());
        return ByRefUpsert.answer(result.created(), "/api/v1/managers/" + view.id(), view);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a manager by their external reference",
            description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The manager.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.ManagerView.class)))
    @APIResponse(responseCode = "404", description = "No manager with this reference in the tenant.")
    public RosterApi.ManagerView getByRef(@BeanParam ByRef byRef) {
        ExternalRef ref = byRef.ref();
        return roster.managerByRef(ref).map(views::of).orElseThrow(() -> ProblemException.notFound("Manager " + ref));
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List the roster",
            description =
                    "Every manager with their state now: status (ACTIVE, "
                            + "ABSENT, DISMISSED), on shift or not, open leads and load; paged, by name unless sort says "
                            + "otherwise (the id breaks ties, so pages never overlap). Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of managers.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.ManagerPage.class)))
    public RosterApi.ManagerPage list(
            @Parameter(
                            description = "The order: name (the default), capacity or hiredAt; a leading - for "
                                    + "descending, e.g. -hiredAt.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {
                                                "name",
                                                "-name",
                                                "capacity",
                                                "-capacity",
                                                "hiredAt",
                                                "-hiredAt"
                                            }))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        SortOrder order = SortOrder.parse(sort, uri.getQueryParameters(), "name", RosterApi.MANAGER_SORT);
        return views.page(order, paging.page(), paging.size());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Read one manager", description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The manager.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.ManagerView.class)))
    @APIResponse(responseCode = "404", description = "No such manager.")
    public RosterApi.ManagerView get(@Parameter(description = "The manager's id.") @PathParam("id") UUID id) {
        return views.one(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Change a manager's profile",
            description = "Name, team, capacity, shift schedule; a field "
                    + "left out keeps its value. Emits salespulse.roster.manager-updated with the whole profile before and "
                    + "after. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The manager.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.ManagerView.class)))
    @APIResponse(responseCode = "404", description = "No such manager.")
    @APIResponse(responseCode = "409", description = "Changed since the version sent, or dismissed.")
    public RosterApi.ManagerView update(
            @Parameter(description = "The manager's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.ManagerUpdate request) {
        boolean noTeam = Boolean.TRUE.equals(request.noTeam());
        if (noTeam && request.teamId() != null) {
            throw ProblemException.invalidField("noTeam", "cannot go with a teamId");
        }
        if (noTeam && request.teamRef() != null) {
            throw ProblemException.invalidField("noTeam", "cannot go with a teamRef");
        }
        roster.update(
                id,
                request.version(),
                new RosterService.Profile(
                        request.name(),
                        request.teamId(),
                        request.capacity(),
                        request.shifts() == null ? null : shifts(request.shifts()),
                        request.teamRef()),
                noTeam,
                request.occurredAt());
        return views.one(id);
    }

    @POST
    @Path("/{id}/absences")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Mark a manager absent",
            description = "Vacation, sick leave or other, from one instant to "
                    + "another; automatic distribution gives them nothing meanwhile. Emits "
                    + "salespulse.roster.manager-absence-set. Role: head.")
    @APIResponse(
            responseCode = "201",
            description = "The absence.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.AbsenceView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid (to not after from); the problem names it.")
    @APIResponse(responseCode = "404", description = "No such manager.")
    @APIResponse(responseCode = "409", description = "The manager was dismissed.")
    public Response setAbsence(
            @Parameter(description = "The manager's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.NewAbsence request) {
        Absence absence = roster.setAbsence(
                id, request.kind(), request.from(), request.to(), request.comment(), request.occurredAt());
        return Response.status(Response.Status.CREATED)
                .entity(ManagerViews.view(absence))
                .build();
    }

    @DELETE
    @Path("/{id}/absences/{absenceId}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Clear an absence",
            description = "Ends it now, or cancels it if it has not begun. Emits "
                    + "salespulse.roster.manager-absence-cleared with the end before and after. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The absence as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.AbsenceView.class)))
    @APIResponse(responseCode = "404", description = "No such absence of this manager.")
    @APIResponse(responseCode = "409", description = "The absence is already over.")
    public RosterApi.AbsenceView clearAbsence(
            @Parameter(description = "The manager's id.") @PathParam("id") UUID id,
            @Parameter(description = "The absence's id.") @PathParam("absenceId") UUID absenceId) {
        return ManagerViews.view(roster.clearAbsence(id, absenceId));
    }

    @POST
    @Path("/{id}/dismissal")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Dismiss a manager",
            description = "Records the dismissal and what happens to the manager's "
                    + "open cards. Unless they stay with the head of sales, a card transfer starts in the same transaction: "
                    + "the leads move now (round robin over the receivers, oldest first), deal-service follows with the deals "
                    + "and tasks. Emits salespulse.roster.manager-dismissed, then card-transfer-started, lead.assigned per lead "
                    + "and lead-cards-transferred, all at the dismissal's occurredAt (now when absent). Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The manager and the transfer's id.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.DismissalView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No receivers named, a receiver unknown, dismissed, absent or the "
                    + "manager leaving (named by its position, toManagerIds[i]), receivers named with another decision, or a "
                    + "rule asked for while the tenant distributes by hand.")
    @APIResponse(responseCode = "404", description = "No such manager.")
    @APIResponse(responseCode = "409", description = "Already dismissed, or nobody can receive the cards.")
    public RosterApi.DismissalView dismiss(
            @Parameter(description = "The manager's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.Dismiss request) {
        RosterService.Dismissal dismissal = roster.dismiss(
                id,
                request.cards(),
                request.toManagerIds(),
                request.toManagerRefs(),
                request.reason(),
                request.occurredAt());
        return new RosterApi.DismissalView(views.one(id), dismissal.transferId().orElse(null));
    }

    @POST
    @Path("/by-ref/{externalSystem}/{externalId}/dismissal")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Dismiss a manager named by their external reference",
            description = "For integrators: the "
                    + "dismissal by id (POST /api/v1/managers/{id}/dismissal), same body, same events, the card transfer "
                    + "at the "
                    + "dismissal's occurredAt. Idempotent: the same dismissal again (the manager already dismissed at this "
                    + "occurredAt) writes and emits nothing and answers 200 with the manager as they are; another dismissal of "
                    + "a dismissed manager is a 409. dryRun=true answers what the real call would and writes nothing. "
                    + "Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The manager and the transfer's id.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.DismissalView.class)))
    @APIResponse(
            responseCode = "400",
            description = "As the dismissal by id (receivers named by position, "
                    + "toManagerRefs[i] naming no manager, toManagerIds and toManagerRefs both), a malformed reference in the "
                    + "path, or occurredAt in the future or before hiring; the problem names it.")
    @APIResponse(responseCode = "404", description = "No manager with this reference in the tenant.")
    @APIResponse(
            responseCode = "409",
            description = "Dismissed already at another time, a stale change, or nobody " + "can receive the cards.")
    public RosterApi.DismissalView dismissByRef(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.Dismiss request) {
        ExternalRef ref = byRef.ref();
        RosterService.Dismissal dismissal = roster.dismissByRef(
                ref,
                request.cards(),
                request.toManagerIds(),
                request.toManagerRefs(),
                request.reason(),
                request.occurredAt(),
                byRef.dryRun());
        return new RosterApi.DismissalView(
                views.of(dismissal.manager()), dismissal.transferId().orElse(null));
    }

    private static List<Shift> shifts(List<RosterApi.ShiftView> views) {
        return views.stream().map(v -> new Shift(v.day(), v.start(), v.end())).toList();
    }
}
