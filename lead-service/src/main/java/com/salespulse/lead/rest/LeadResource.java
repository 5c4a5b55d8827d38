package com.salespulse.lead.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.lead.Lead;
import com.salespulse.lead.config.CurrentCaller;
import com.salespulse.lead.service.LeadService;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;

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

    @POST
    @Operation(summary = "Take in a lead", description = "Stores the lead and emits salespulse.lead.created in the same "
            + "transaction. A refused lead writes nothing.")
    @APIResponse(responseCode = "201", description = "The lead was created; Location points to it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 1 MiB.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull(message = "a JSON body is required") @Valid CreateLeadRequest request) {
        Lead lead = leads.create(caller.tenant(), caller.actor(), new LeadService.NewLead(request.source(),
                request.clientName(), request.phone(), request.email(), request.comment(), request.managerId()));
        return Response.created(URI.create("/api/v1/leads/" + lead.id)).entity(LeadMapper.toResponse(lead)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one lead")
    @APIResponse(responseCode = "200", description = "The lead.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadResponse.class)))
    @APIResponse(responseCode = "404", description = "No such lead in the caller's tenant.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LeadResponse get(@PathParam("id") UUID id) {
        return leads.find(caller.tenant(), id).map(LeadMapper::toResponse)
                .orElseThrow(() -> ProblemException.notFound("Lead " + id));
    }
}
