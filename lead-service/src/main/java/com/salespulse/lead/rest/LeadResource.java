package com.salespulse.lead.rest;

import java.net.URI;
import java.util.UUID;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.lead.Lead;
import com.salespulse.lead.service.LeadService;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;

@Path("/api/v1/leads")
@Tag(name = "Leads", description = "Lead intake and lookup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeadResource {

    private final LeadService leads;
    private final CurrentCaller caller;

    public LeadResource(LeadService leads, CurrentCaller caller) {
        this.leads = leads;
        this.caller = caller;
    }

    /** The largest page a list answers; a larger one is refused rather than silently cut. */
    static final int MAX_PAGE_SIZE = 100;

    @POST
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "Take in a lead", description = "Stores the lead and emits salespulse.lead.created in the same "
            + "transaction. A refused lead writes nothing. A manager's lead is their own. Roles: head, manager, integrator.")
    @APIResponse(responseCode = "201", description = "The lead was created; Location points to it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 1 MiB.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull(message = "a JSON body is required") @Valid CreateLeadRequest request) {
        Optional<java.util.UUID> ownScope = caller.managerScope();
        java.util.UUID managerId = request.managerId();
        if (ownScope.isPresent()) {
            if (managerId != null && !managerId.equals(ownScope.get())) {
                throw ProblemException.invalidField("managerId", "a manager takes in leads only for themselves");
            }
            managerId = ownScope.get();
        }
        Lead lead = leads.create(caller.tenant(), caller.actor(), new LeadService.NewLead(request.source(),
                request.clientName(), request.phone(), request.email(), request.comment(), managerId));
        return Response.created(URI.create("/api/v1/leads/" + lead.id)).entity(LeadMapper.toResponse(lead)).build();
    }

    @GET
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "List leads", description = "The leads the caller may see, newest first: the whole tenant for a "
            + "head of sales or an integrator, their own for a manager. Roles: head, manager, integrator.")
    @APIResponse(responseCode = "200", description = "One page of leads.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPageResponse.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LeadPageResponse list(
            @Parameter(description = "Page number, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @Parameter(description = "Page size, 1 to 100.") @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        LeadService.LeadPage result = leads.list(caller.managerScope(), page, size);
        return new LeadPageResponse(result.items().stream().map(LeadMapper::toResponse).toList(), result.page(),
                result.size(), result.total());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "Change a lead's contact details", description = "Optimistic concurrency: send the version you "
            + "read; a lead changed since answers 409. Emits salespulse.lead.updated with the details before and after. "
            + "A manager changes only their own leads. Roles: head, manager, integrator.")
    @APIResponse(responseCode = "200", description = "The lead as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such lead among those the caller may see.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The lead changed since the version sent.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 1 MiB.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LeadResponse update(@PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid UpdateLeadRequest request) {
        return leads.update(caller.tenant(), caller.actor(), id, caller.managerScope(),
                new LeadService.LeadChanges(request.version(), request.clientName(), request.phone(), request.email(),
                        request.comment()))
                .map(LeadMapper::toResponse)
                .orElseThrow(() -> ProblemException.notFound("Lead " + id));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "Read one lead", description = "A lead of the caller's tenant; a manager reads only their own. "
            + "Roles: head, manager, integrator.")
    @APIResponse(responseCode = "200", description = "The lead.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadResponse.class)))
    @APIResponse(responseCode = "404", description = "No such lead among those the caller may see (another tenant's or "
            + "another manager's lead answers the same, so existence does not leak).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LeadResponse get(@PathParam("id") UUID id) {
        return leads.find(id, caller.managerScope()).map(LeadMapper::toResponse)
                .orElseThrow(() -> ProblemException.notFound("Lead " + id));
    }
}
