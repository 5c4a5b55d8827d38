package com.salespulse.deal.activity;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.deal.Decimals;
import com.salespulse.deal.task.Task;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.QueryParams;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;

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
            @Schema(description = "LEAD or DEAL.", required = true) @NotNull Task.CardType cardType,
            @Schema(description = "The lead's or deal's id: a deal the caller may see, or a lead of the tenant (known here "
                    + "within seconds of its intake in lead-service).", required = true) @NotNull UUID cardId,
            @Schema(description = "The client; on a deal it is the deal's and may be left out.") UUID clientId,
            @Schema(description = "Who made the touch: a manager of the tenant's roster (one dismissed since only for a "
                    + "touch made before they left). A manager records only their own and may leave it out.") UUID managerId,
            @Schema(description = "CALL, MEETING, MESSAGE or EMAIL.", required = true) @NotNull Activity.Type type,
            @Schema(description = "INBOUND or OUTBOUND.", required = true) @NotNull Activity.Direction direction,
            @Schema(description = "What came of it.", example = "reached, agreed to a demo", required = true)
            @NotBlank @Size(max = 2000) String outcome,
            @Schema(description = "How long it lasted, in seconds.", example = "420") @Min(0) @Max(86_400) Integer durationSeconds,
            @Schema(description = "The discount offered during the touch, 0-100.", example = "5")
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal discountOfferedPercent,
            @Schema(description = "True when the client asked not to be contacted again.") boolean doNotContact,
            @Schema(description = "When it happened (UTC); absent means now.") Instant occurredAt) {
    }

    @Schema(name = "Activity", description = "A touch as the API shows it.")
    public record ActivityResponse(
            @Schema(description = "The activity's id.") UUID id,
            @Schema(description = "LEAD or DEAL.") Task.CardType cardType,
            @Schema(description = "The lead's or deal's id.") UUID cardId,
            @Schema(description = "The client.") UUID clientId,
            @Schema(description = "Who made the touch.") UUID managerId,
            @Schema(description = "CALL, MEETING, MESSAGE or EMAIL.") Activity.Type type,
            @Schema(description = "INBOUND or OUTBOUND.") Activity.Direction direction,
            @Schema(description = "What came of it.") String outcome,
            @Schema(description = "How long it lasted, in seconds.") Integer durationSeconds,
            @Schema(description = "The discount offered, 0-100.") BigDecimal discountOfferedPercent,
            @Schema(description = "The client asked not to be contacted again.") boolean doNotContact,
            @Schema(description = "When it happened (UTC).") Instant occurredAt) {

        static ActivityResponse of(Activity a) {
            return new ActivityResponse(a.id, a.cardType, a.cardId, a.clientId, a.managerId, a.type, a.direction,
                    a.outcome, a.durationSeconds, Decimals.plain(a.discountOfferedPercent), a.doNotContact, a.occurredAt);
        }
    }

    @POST
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "Record a touch", description = "Emits salespulse.activity.logged. Roles: head, manager (their "
            + "own touches), integrator.")
    @APIResponse(responseCode = "201", description = "The touch was recorded.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it.")
    public Response log(@NotNull(message = "a JSON body is required") @Valid LogRequest request) {
        UUID manager = request.managerId();
        Optional<UUID> own = caller.managerScope();
        if (own.isPresent()) {
            if (manager != null && !manager.equals(own.get())) {
                throw ProblemException.invalidField("managerId", "a manager records only their own touches");
            }
            manager = own.get();
        } else if (manager == null) {
            throw ProblemException.invalidField("managerId", "is required");
        }
        Activity activity = activities.log(caller.tenant(), caller.actor(), own, new ActivityService.NewActivity(
                request.cardType(), request.cardId(), request.clientId(), manager, request.type(), request.direction(),
                request.outcome(), request.durationSeconds(), request.discountOfferedPercent(), request.doNotContact(),
                request.occurredAt()));
        return Response.created(URI.create("/api/v1/activities?cardType=" + activity.cardType + "&cardId=" + activity.cardId))
                .entity(ActivityResponse.of(activity)).build();
    }

    @GET
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "List the touches on a card", description = "Newest first, at most 500. A manager sees only "
            + "their own touches. Roles: head, manager, integrator.")
    @APIResponse(responseCode = "200", description = "The touches.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid; the problem names it.")
    public List<ActivityResponse> list(
            @Parameter(description = "LEAD or DEAL.", required = true) @QueryParam("cardType") String cardType,
            @Parameter(description = "The card's id.", required = true) @QueryParam("cardId") String cardId) {
        if (cardType == null || cardType.isBlank()) {
            throw ProblemException.invalidField("cardType", "is required (LEAD or DEAL)");
        }
        Task.CardType type;
        try {
            type = Task.CardType.valueOf(cardType.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cardType", "must be LEAD or DEAL");
        }
        UUID card = QueryParams.optionalUuid("cardId", cardId);
        if (card == null) {
            throw ProblemException.invalidField("cardId", "is required");
        }
        return activities.onCard(type, card, caller.managerScope()).stream().map(ActivityResponse::of).toList();
    }
}
