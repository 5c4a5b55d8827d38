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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/teams")
@Tag(name = "Roster", description = "Teams, managers, shifts, absences, dismissals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

    private final RosterService roster;

    public TeamResource(RosterService roster) {
        this.roster = roster;
    }

    @POST
    @RolesAllowed(Roles.HEAD)
    @Operation(summary = "Create a team", description = "Emits salespulse.roster.team-created. Role: head.")
    @APIResponse(
            responseCode = "201",
            description = "The team.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(responseCode = "400", description = "No name, or a name in use.")
    public Response create(@NotNull(message = "a JSON body is required") @Valid RosterApi.NewTeam request) {
        Team team = roster.createTeam(
                request.name(),
                new RosterService.Ref(request.externalSystem(), request.externalId()),
                request.occurredAt());
        return Response.created(URI.create("/api/v1/teams/" + team.id))
                .entity(view(team))
                .build();
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Create or rename a team by its external reference (state upsert)",
            description = "For "
                    + "integrators. Unknown reference: created at occurredAt (salespulse.roster.team-created); 201. Known: "
                    + "renamed when the name differs (one salespulse.roster.team-renamed at occurredAt; an older change than "
                    + "the last is 409 stale-change); 200. The same request twice: one team, one event. dryRun=true answers "
                    + "what the real call would and writes nothing. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The team existed; it now has this name (or already had).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The team was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No name, a name in use, a body reference other than the path's, "
                    + "occurredAt in the future or before the team was created.")
    @APIResponse(responseCode = "409", description = "A stale change.")
    public Response upsert(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.NewTeam request) {
        ExternalRef ref = byRef.ref();
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        RosterService.Upserted<Team> result =
                roster.upsertTeam(ref, request.name(), request.occurredAt(), byRef.dryRun());
        RosterApi.TeamView view = view(result.entity());
        return ByRefUpsert.answer(result.created(), "/api/v1/teams/" + view.id(), view);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a team by its external reference",
            description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The team.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(responseCode = "404", description = "No team with this reference in the tenant.")
    public RosterApi.TeamView getByRef(@BeanParam ByRef byRef) {
        ExternalRef ref = byRef.ref();
        return roster.teamByRef(ref)
                .map(TeamResource::view)
                .orElseThrow(() -> ProblemException.notFound("Team " + ref));
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List teams",
            description = "Paged, by name unless sort says otherwise (the id breaks ties, so pages never overlap). "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of teams.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.TeamPage.class)))
    public RosterApi.TeamPage list(
            @Parameter(
                            description = "The order: name (the default) or createdAt; a leading - for descending.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {"name", "-name", "createdAt", "-createdAt"}))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        SortOrder order = SortOrder.parse(sort, uri.getQueryParameters(), "name", RosterApi.TEAM_SORT);
        RosterService.TeamPage result = roster.teams(order, paging.page(), paging.size());
        return new RosterApi.TeamPage(
                result.items().stream().map(TeamResource::view).toList(), paging.page(), paging.size(), result.total());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Rename a team",
            description = "Emits salespulse.roster.team-renamed with the name before and " + "after. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The team.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(responseCode = "400", description = "No name, or a name in use.")
    @APIResponse(responseCode = "404", description = "No such team.")
    @APIResponse(responseCode = "409", description = "The team changed since the version sent.")
    public RosterApi.TeamView rename(
            @Parameter(description = "The team's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.TeamUpdate request) {
        return view(roster.renameTeam(id, request.version(), request.name(), request.occurredAt()));
    }

    @PUT
    @Path("/{id}/lead")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Set or clear a team's lead",
            description = "The manager who leads the team sees and works the cards, figures, plans and alerts of the "
                    + "managers in the team with a token of the role team-lead (docs/security.md). Emits "
                    + "salespulse.roster.team-lead-changed when the lead changes; the same lead again changes "
                    + "nothing. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The team.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No version, or leadManagerId names no manager of the tenant or a dismissed one.")
    @APIResponse(responseCode = "404", description = "No such team.")
    @APIResponse(responseCode = "409", description = "The team changed since the version sent.")
    public RosterApi.TeamView setLead(
            @Parameter(description = "The team's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.TeamLeadUpdate request) {
        return view(roster.setTeamLead(id, request.version(), request.leadManagerId()));
    }

    static RosterApi.TeamView view(Team team) {
        return new RosterApi.TeamView(
                team.id,
                team.name,
                team.createdAt,
                team.version,
                team.externalSystem,
                team.externalId,
                team.leadManagerId);
    }
}
