package com.salespulse.analytics.replay;

import com.salespulse.security.Roles;
import com.salespulse.security.ServiceWide;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/read-model/rebuild")
@Tag(name = "Read model", description = "Rebuilding the read model from the topics")
@Produces(MediaType.APPLICATION_JSON)
@ServiceWide // all tenants at once: an ops token names no tenant
public class ReadModelRebuildResource {

    private final ReadModelRebuild rebuild;

    public ReadModelRebuildResource(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @RolesAllowed(Roles.OPS) // every tenant's read model at once: not a head's, whose authority is one tenant
    @Operation(
            summary = "Rebuild the read model from the topics",
            description = "Reads every event topic from its earliest offset into a new generation of the read model "
                    + "while the current one keeps answering, then swaps them in one step; the figures are those the "
                    + "live model would give. It fails, and the live generation stays, when an event cannot be applied "
                    + "or a topic no longer holds its whole history (earliest offset above 0). One rebuild at a "
                    + "time across all instances. Service-wide (all tenants), so for ops only. Follow it with GET. "
                    + "Roles: ops.")
    @APIResponse(
            responseCode = "202",
            description = "The rebuild began.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RebuildProgress.class)))
    @APIResponse(
            responseCode = "409",
            description = "A rebuild is already running, on this or another instance (problem+json).",
            content = @Content(mediaType = "application/problem+json"))
    public Response start() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.OPS})
    @Operation(
            summary = "Progress of the current or last rebuild",
            description = "Events read and applied against the total on the topics when it began, in percent, with "
                    + "each partition's position and end offset. Kept in the database: every instance gives the "
                    + "same answer. Roles: head, ops.")
    @APIResponse(
            responseCode = "200",
            description = "The progress.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RebuildProgress.class)))
    public RebuildProgress progress() {
        return rebuild.progress();
    }
}
