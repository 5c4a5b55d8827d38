package com.salespulse.lead;

import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rejection-reasons")
@Tag(name = "Leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RejectionReasonResource {

    private final RejectionReasonService reasons;

    public RejectionReasonResource(RejectionReasonService reasons) {
        this.reasons = reasons;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "The rejection reason catalogue",
            description =
                    "The tenant's codes a rejection may carry, with English and Russian labels: the defaults "
                            + "every tenant starts with, as the head of sales renamed them, then the reasons the tenant added. "
                            + "Deactivated reasons only with includeInactive=true. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The catalogue.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.RejectionReason.class, type = SchemaType.ARRAY)))
    public List<LeadApi.RejectionReason> list(
            @Parameter(description = "Also list the deactivated reasons (default false).")
                    @QueryParam("includeInactive")
                    Boolean includeInactive) {
        return reasons.catalogue().stream()
                .filter(r -> r.active() || Boolean.TRUE.equals(includeInactive))
                .map(RejectionReasonResource::view)
                .toList();
    }

    @POST
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Add a rejection reason",
            description = "Adds a reason to the tenant's catalogue, active, with its Russian and English labels. Emits "
                    + "salespulse.lead.rejection-reason-changed. Role: head.")
    @APIResponse(
            responseCode = "201",
            description = "The reason; Location points to the catalogue entry.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.RejectionReason.class)))
    @APIResponse(responseCode = "400", description = "A code not of a-z, 0-9 and _, in use, or a blank label.")
    public Response add(@NotNull(message = "a JSON body is required") @Valid LeadApi.NewRejectionReason request) {
        RejectionReasonService.Reason reason = reasons.add(request.code(), request.labelRu(), request.labelEn());
        return Response.created(URI.create("/api/v1/rejection-reasons/" + reason.code()))
                .entity(view(reason))
                .build();
    }

    @PATCH
    @Path("/{code}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Rename, deactivate or reactivate a rejection reason",
            description = "A default reason too. A reason is never deleted: deactivated, no lead can be rejected with "
                    + "it, and the leads rejected with it keep it and its label. Emits "
                    + "salespulse.lead.rejection-reason-changed when something changed. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The reason as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.RejectionReason.class)))
    @APIResponse(responseCode = "400", description = "A blank label.")
    @APIResponse(responseCode = "404", description = "The catalogue has no such code.")
    public LeadApi.RejectionReason change(
            @Parameter(description = "The reason's code.", example = "no_budget") @PathParam("code") String code,
            @NotNull(message = "a JSON body is required") @Valid LeadApi.RejectionReasonChange request) {
        return reasons.change(code, request.labelRu(), request.labelEn(), request.active())
                .map(RejectionReasonResource::view)
                .orElseThrow(() -> ProblemException.notFound("Rejection reason " + code));
    }

    private static LeadApi.RejectionReason view(RejectionReasonService.Reason r) {
        return new LeadApi.RejectionReason(r.code(), r.labelEn(), r.labelRu(), r.active());
    }
}
