package com.salespulse.deal.activity;

import com.salespulse.deal.decimal.Decimals;
import com.salespulse.deal.task.Task;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
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

    @Schema(name = "LogActivityRequest", description = "A touch with a client.")
    public record LogRequest(
            @Schema(description = "LEAD or DEAL.", required = true) @NotNull
            Task.CardType cardType,

            @Schema(
                    description =
                            "The lead's or deal's id: a deal the caller may see, or a lead of the tenant (known here "
                                    + "within seconds of its intake in lead-service). Required unless cardRef.")
            UUID cardId,

            @Schema(description = "Instead of cardId: the deal or lead by its reference in the tenant's own system.")
            @Valid
            ExternalRef cardRef,

            @Schema(description = "The client; on a deal it is the deal's and may be left out.")
            UUID clientId,

            @Schema(description = "Instead of clientId: the client by its reference.") @Valid
            ExternalRef clientRef,

            @Schema(
                    description =
                            "Who made the touch: a manager of the tenant's roster (one dismissed since only for a "
                                    + "touch made before they left). A manager records only their own and may leave it out.")
            UUID managerId,

            @Schema(description = "Instead of managerId: the manager by their reference.") @Valid
            ExternalRef managerRef,

            @Schema(description = "CALL, MEETING, MESSAGE or EMAIL.", required = true) @NotNull
            Activity.Type type,

            @Schema(description = "INBOUND or OUTBOUND.", required = true) @NotNull
            Activity.Direction direction,

            @Schema(description = "What came of it.", example = "reached, agreed to a demo", required = true)
            @NotBlank
            @Size(max = 2000)
            String outcome,

            @Schema(description = "How long it lasted, in seconds.", example = "420") @Min(0) @Max(86_400)
            Integer durationSeconds,

            @Schema(description = "The discount offered during the touch, 0-100.", example = "5")
            @DecimalMin("0")
            @DecimalMax("100")
            @Digits(integer = 3, fraction = 4)
            BigDecimal discountOfferedPercent,

            @Schema(description = "True when the client asked not to be contacted again.")
            boolean doNotContact,

            @Schema(
                    description = "When it happened (business time, ISO-8601 with offset); absent means now. Not later "
                            + "than now + 60 s, not before its card began (the deal's opening, the lead's intake).")
            Instant occurredAt,

            @Schema(
                    description = "The touch's reference system, lower case (e.g. amocrm); with externalId, unique per "
                            + "tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The touch's id in that system (e.g. a call's id).", example = "note-5501")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId) {

        ActivityService.NewActivity newActivity(ExternalRef ref) {
            return new ActivityService.NewActivity(
                    cardType,
                    cardId,
                    cardRef,
                    clientId,
                    clientRef,
                    managerId,
                    managerRef,
                    type,
                    direction,
                    outcome,
                    durationSeconds,
                    discountOfferedPercent,
                    doNotContact,
                    occurredAt,
                    ref);
        }
    }

    @Schema(name = "Activity", description = "A touch as the API shows it.")
    public record ActivityResponse(
            @Schema(description = "The activity's id.") UUID id,
            @Schema(description = "LEAD or DEAL.") Task.CardType cardType,

            @Schema(description = "The lead's or deal's id.")
            UUID cardId,

            @Schema(description = "The client.") UUID clientId,
            @Schema(description = "Who made the touch.") UUID managerId,

            @Schema(description = "CALL, MEETING, MESSAGE or EMAIL.")
            Activity.Type type,

            @Schema(description = "INBOUND or OUTBOUND.") Activity.Direction direction,
            @Schema(description = "What came of it.") String outcome,

            @Schema(description = "How long it lasted, in seconds.")
            Integer durationSeconds,

            @Schema(description = "The discount offered, 0-100.")
            BigDecimal discountOfferedPercent,

            @Schema(description = "The client asked not to be contacted again.")
            boolean doNotContact,

            @Schema(description = "When it happened (UTC).") Instant occurredAt,

            @Schema(description = "The touch's reference system, when it has one.")
            String externalSystem,

            @Schema(description = "The touch's id in that system.")
            String externalId) {

        static ActivityResponse of(Activity a) {
            return new ActivityResponse(
                    a.id,
                    a.cardType,
                    a.cardId,
                    a.clientId,
                    a.managerId,
                    a.type,
                    a.direction,
                    a.outcome,
                    a.durationSeconds,
                    Decimals.plain(a.discountOfferedPercent),
                    a.doNotContact,
                    a.occurredAt,
                    a.externalSystem,
                    a.externalId);
        }
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Record a touch",
            description =
                    "Emits salespulse.activity.logged. Roles: head, manager (their " + "own touches), integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The touch was recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "409", description = "Another touch has that external reference.")
    public Response log(@NotNull(message = "a JSON body is required") @Valid LogRequest request) {
        Activity activity = activities.log(
                caller.managerScope(),
                request.newActivity(ExternalRef.ofPair(request.externalSystem(), request.externalId())));
        return Response.created(
                        URI.create("/api/v1/activities?cardType=" + activity.cardType + "&cardId=" + activity.cardId))
                .entity(ActivityResponse.of(activity))
                .build();
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Record a touch by its external reference",
            description = "Logs it (salespulse.activity.logged) "
                    + "when the reference is new; the same touch sent again answers 200 and emits nothing; a different one "
                    + "answers 409 (a touch does not change once logged). ?dryRun=true validates and writes nothing. "
                    + "Roles: head, manager (their own touches), integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The touch was recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(
            responseCode = "200",
            description = "The same touch was recorded already.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "409", description = "A different touch has that reference.")
    public Response put(
            @BeanParam ByRefUpsert byRef, @NotNull(message = "a JSON body is required") @Valid LogRequest request) {
        ExternalRef ref = byRef.ref();
        if (request.externalSystem() != null && !request.externalSystem().equals(ref.externalSystem())) {
            throw ProblemException.invalidField("externalSystem", "differs from the reference in the path");
        }
        if (request.externalId() != null && !request.externalId().trim().equals(ref.externalId())) {
            throw ProblemException.invalidField("externalId", "differs from the reference in the path");
        }
        ActivityService.Logged result =
                activities.upsert(caller.managerScope(), request.newActivity(ref), byRef.dryRun());
        ActivityResponse body = ActivityResponse.of(result.activity());
        return result.created()
                ? Response.status(Response.Status.CREATED).entity(body).build()
                : Response.ok(body).build();
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a touch by its external reference",
            description = "A manager reads only their own. " + "Roles: head, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The touch.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "404", description = "No touch with that reference among those the caller may see.")
    public ActivityResponse getByRef(@BeanParam ByRef byRef) {
        return activities
                .findByRef(byRef.ref(), caller.managerScope())
                .map(ActivityResponse::of)
                .orElseThrow(() -> ProblemException.notFound("Activity " + byRef));
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List the touches on a card",
            description = "Newest first, at most 500. A manager sees only "
                    + "their own touches. Roles: head, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The touches.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ActivityResponse.class)))
    public List<ActivityResponse> list(
            @Parameter(description = "LEAD or DEAL.", required = true) @QueryParam("cardType") Task.CardType cardType,
            @Parameter(description = "The card's id.", required = true) @QueryParam("cardId") UUID cardId) {
        if (cardType == null) {
            throw ProblemException.invalidField("cardType", "is required (LEAD or DEAL)");
        }
        if (cardId == null) {
            throw ProblemException.invalidField("cardId", "is required");
        }
        return activities.onCard(cardType, cardId, caller.managerScope()).stream()
                .map(ActivityResponse::of)
                .toList();
    }
}
