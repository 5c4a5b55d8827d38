package com.salespulse.analytics.replay;

import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
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

/**
 * A head of sales rebuilds their own tenant's read model: the tenant is the token's, never named in the request, so a
 * head can neither rebuild nor watch another tenant's. The all-tenant rebuild stays ops' ({@link
 * ReadModelRebuildResource}).
 */
@Path("/api/v1/read-model/tenant-rebuild")
@Tag(name = "Read model", description = "Rebuilding the read model from the topics")
@Produces(MediaType.APPLICATION_JSON)
public class TenantRebuildResource {

    private final ReadModelRebuild rebuild;
    private final CurrentCaller caller;

    public TenantRebuildResource(ReadModelRebuild rebuild, CurrentCaller caller) {
        this.rebuild = rebuild;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Rebuild the caller's tenant's read model from the topics",
            description = "Reads every event topic from its earliest offset and applies the caller's tenant's events "
                    + "into a scratch generation while the live one keeps answering, then replaces the tenant's "
                    + "figures in one step; other tenants are untouched and live throughout. It fails, and the live "
                    + "figures stay, when an event cannot be applied or a topic no longer holds its whole history "
                    + "(earliest offset above 0). One rebuild at a time per tenant. The tenant is the token's. Follow "
                    + "it with GET. Roles: head.")
    @APIResponse(
            responseCode = "202",
            description = "The rebuild began.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RebuildProgress.class)))
    @APIResponse(
            responseCode = "409",
            description = "A rebuild of this tenant is already running, on this or another instance (problem+json).",
            content = @Content(mediaType = "application/problem+json"))
    public Response start() {
        return Response.accepted(rebuild.startForTenant(caller.tenant())).build();
    }

    @GET
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Progress of the caller's tenant's current or last rebuild",
            description = "As the all-tenant rebuild's progress, for the rebuilds of the caller's tenant only: IDLE "
                    + "when it has none. Kept in the database: every instance gives the same answer. Roles: head.")
    @APIResponse(
            responseCode = "200",
            description = "The progress.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RebuildProgress.class)))
    public RebuildProgress progress() {
        return rebuild.progressOf(caller.tenant());
    }
}
