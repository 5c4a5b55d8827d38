package com.salespulse.messaging.deadletter;

import com.salespulse.problem.page.PageParams;
import com.salespulse.security.ActingScope;
import com.salespulse.security.Roles;
import com.salespulse.security.ServiceWide;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Ops' view of the service's dead-letter topic: list the parked records, and replay them after the fix (docs/
 * operations.md, "Replay dead letters"). On in a service that sets {@code salespulse.dead-letters.enabled=true}.
 */
@Path("/api/v1/ops/dead-letters")
@Tag(name = "Operations", description = "Technical endpoints")
@Produces(MediaType.APPLICATION_JSON)
@ServiceWide // an ops token may name no tenant; the topic holds every tenant's records
@IfBuildProperty(name = "salespulse.dead-letters.enabled", stringValue = "true")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final ActingScope acting;

    public DeadLetterResource(DeadLetters deadLetters, ActingScope acting) {
        this.deadLetters = deadLetters;
        this.acting = acting;
    }

    @GET
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "List the parked records of the dead-letter topic",
            description = "Oldest first: where each record came from (topic, partition, offset), its CloudEvent id "
                    + "and type, why it was refused, when, and whether ops replayed it. Role: ops.")
    @APIResponse(
            responseCode = "200",
            description = "One page of parked records.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeadLetterApi.DeadLetterPage.class)))
    public DeadLetterApi.DeadLetterPage list(@BeanParam @Valid PageParams paging) {
        List<DeadLetterApi.DeadLetter> all = deadLetters.list();
        int from = (int) Math.min((long) paging.page() * paging.size(), all.size());
        int to = Math.min(from + paging.size(), all.size());
        return new DeadLetterApi.DeadLetterPage(
                deadLetters.topic(), all.subList(from, to), paging.page(), paging.size(), all.size());
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Replay parked records to their original topics",
            description = "Re-publishes all parked records ({\"all\": true}) or those matching every criterion given "
                    + "(partition, fromOffset..toOffset, eventIds) to the topic each was read from, with its key and "
                    + "headers (the dead-letter ones removed), and records the replay. Repeating it changes nothing: "
                    + "every consumer skips an event id it consumed already. Role: ops.")
    @APIResponse(
            responseCode = "200",
            description = "What was re-published.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeadLetterApi.ReplayResult.class)))
    public DeadLetterApi.ReplayResult replay(@Valid DeadLetterApi.ReplayRequest request) {
        ReplaySelection selection = ReplaySelection.of(request);
        List<DeadLetterApi.DeadLetter> replayed = deadLetters.replay(selection, acting.actor());
        return new DeadLetterApi.ReplayResult(replayed.size(), replayed);
    }
}
