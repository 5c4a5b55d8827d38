package com.salespulse.lead;

import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rejection-reasons")
@Tag(name = "Leads")
@Produces(MediaType.APPLICATION_JSON)
public class RejectionReasonResource {

    @GET
    @RolesAllowed({Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "The rejection reason catalogue",
            description = "The codes a rejection may carry, with "
                    + "English and Russian labels. Roles: head, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The catalogue.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.RejectionReason.class, type = SchemaType.ARRAY)))
    public List<LeadApi.RejectionReason> list() {
        return RejectionReasons.DEFAULTS.stream()
                .map(r -> new LeadApi.RejectionReason(r.code(), r.labelEn(), r.labelRu()))
                .toList();
    }
}
