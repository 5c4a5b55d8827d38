package com.salespulse.deal.activity;

import com.salespulse.deal.task.Task;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
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

@Path("/api/v1/activities")
@Tag(name = "Activities", description = "Touches with clients on lead and deal cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActivityResource {

    private final ActivityService activities;
    private final CurrentCaller caller;

    public ActivityResource(ActivityService activities, CurrentCaller caller) {
        this.activities = activities;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Record a touch",
            description = "Emits salespulse.activity.logged. Roles: head, team-lead, manager (their "
                    + "own touches), integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The touch was recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityApi.ActivityView.class)))
    @APIResponse(responseCode = "409", description = "Another touch has that external reference.")
    public Response log(@NotNull(message = "a JSON body is required") @Valid ActivityApi.NewActivity request) {
        Activity activity = activities.log(
                caller.scope(),
                request.newActivity(ExternalRef.ofPair(request.externalSystem(), request.externalId())));
        return Response.created(
                        URI.create("/api/v1/activities?cardType=" + activity.cardType + "&cardId=" + activity.cardId))
                .entity(ActivityApi.ActivityView.of(activity))
                .build();
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Record a touch by its external reference",
            description = "Logs it (salespulse.activity.logged) "
                    + "when the reference is new; the same touch sent again answers 200 and emits nothing; a different one "
                    + "answers 409 (a touch does not change once logged). ?dryRun=true validates and writes nothing. "
                    + "Roles: head, team-lead, manager (their own touches), integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The touch was recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityApi.ActivityView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The same touch was recorded already.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityApi.ActivityView.class)))
    @APIResponse(responseCode = "409", description = "A different touch has that reference.")
    public Response put(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid ActivityApi.NewActivity request) {
        ExternalRef ref = byRef.ref();
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        ActivityService.Logged result = activities.upsert(caller.scope(), request.newActivity(ref), byRef.dryRun());
        ActivityApi.ActivityView body = ActivityApi.ActivityView.of(result.activity());
        return ByRefUpsert.answer(result.created(), null, body);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a touch by its external reference",
            description = "A manager reads only their own. " + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The touch.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityApi.ActivityView.class)))
    @APIResponse(responseCode = "404", description = "No touch with that reference among those the caller may see.")
    public ActivityApi.ActivityView getByRef(@BeanParam ByRef byRef) {
        return activities
                .findByRef(byRef.ref(), caller.scope())
                .map(ActivityApi.ActivityView::of)
                .orElseThrow(() -> ProblemException.notFound("Activity " + byRef));
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List the touches on a card",
            description = "Paged, newest first unless sort says otherwise (the id breaks ties, so pages never "
                    + "overlap). A manager sees only their own touches. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of touches.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityApi.ActivityPage.class)))
    public ActivityApi.ActivityPage list(
            @Parameter(description = "LEAD or DEAL.", required = true) @QueryParam("cardType") Task.CardType cardType,
            @Parameter(description = "The card's id.", required = true) @QueryParam("cardId") UUID cardId,
            @Parameter(
                            description = "The order: occurredAt, type or recordedAt; a leading - for descending. "
                                    + "Left out: -occurredAt, newest first.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {
                                                "occurredAt",
                                                "-occurredAt",
                                                "type",
                                                "-type",
                                                "recordedAt",
                                                "-recordedAt"
                                            }))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        if (cardType == null) {
            throw ProblemException.invalidField("cardType", "is required (LEAD or DEAL)");
        }
        if (cardId == null) {
            throw ProblemException.invalidField("cardId", "is required");
        }
        SortOrder order = SortOrder.parse(sort, uri.getQueryParameters(), "-occurredAt", ActivityApi.SORT);
        ActivityService.ActivityPage result =
                activities.onCard(cardType, cardId, caller.scope(), order, paging.page(), paging.size());
        return new ActivityApi.ActivityPage(
                result.items().stream().map(ActivityApi.ActivityView::of).toList(),
                paging.page(),
                paging.size(),
                result.total());
    }
}
