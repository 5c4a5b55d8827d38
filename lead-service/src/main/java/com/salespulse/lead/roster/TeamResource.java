package com.salespulse.lead.roster;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;

@Path("/api/v1/teams")
@Tag(name = "Roster", description = "Teams, managers, shifts, absences, dismissals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

    private final RosterService roster;
    private final CurrentCaller caller;

    public TeamResource(RosterService roster, CurrentCaller caller) {
        this.roster = roster;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.HEAD)
    @Operation(summary = "Create a team", description = "Emits salespulse.roster.team-created. Role: head.")
    @APIResponse(responseCode = "201", description = "The team.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(responseCode = "400", description = "No name, or a name in use.")
    public Response create(@NotNull(message = "a JSON body is required") @Valid RosterApi.CreateTeam request) {
        Team team = roster.createTeam(caller.tenant(), caller.actor(), request.name());
        return Response.created(URI.create("/api/v1/teams/" + team.id)).entity(view(team)).build();
    }

    @GET
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "List teams", description = "By name. Roles: head, manager, integrator.")
    @APIResponse(responseCode = "200", description = "The teams.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RosterApi.TeamView.class, type = SchemaType.ARRAY)))
    public List<RosterApi.TeamView> list() {
        return roster.teams().stream().map(TeamResource::view).toList();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.HEAD)
    @Operation(summary = "Rename a team", description = "Emits salespulse.roster.team-renamed with the name before and "
            + "after. Role: head.")
    @APIResponse(responseCode = "200", description = "The team.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RosterApi.TeamView.class)))
    @APIResponse(responseCode = "400", description = "No name, or a name in use.")
    @APIResponse(responseCode = "404", description = "No such team.")
    @APIResponse(responseCode = "409", description = "The team changed since the version sent.")
    public RosterApi.TeamView rename(@Parameter(description = "The team's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid RosterApi.RenameTeam request) {
        return view(roster.renameTeam(caller.tenant(), caller.actor(), id, request.version(), request.name()));
    }

    static RosterApi.TeamView view(Team team) {
        return new RosterApi.TeamView(team.id, team.name, team.createdAt, team.version);
    }
}
