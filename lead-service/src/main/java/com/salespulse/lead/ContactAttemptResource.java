package com.salespulse.lead;

import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Contact attempts sent by an integrating system under its own reference (a call's or a note's id). */
@Path("/api/v1/contact-attempts")
@Tag(name = "Leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactAttemptResource {

    private final LeadService leads;

    public ContactAttemptResource(LeadService leads) {
        this.leads = leads;
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Record a contact attempt by its external reference (upsert)",
            description = "For "
                    + "integrators and imports. Unknown reference: recorded on the lead as by POST "
                    + "/api/v1/leads/{id}/contact-attempts (salespulse.lead.contact-attempted at occurredAt); 201. Known: "
                    + "answered as recorded, 200, nothing written (an attempt is a fact and is not changed). dryRun=true "
                    + "answers what the real call would and writes nothing. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The attempt with this reference, as recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.ContactAttemptView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The attempt was recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.ContactAttemptView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is invalid (no lead named, an unknown leadRef names "
                    + "leadRef.externalId, the reference is another lead's attempt, occurredAt out of bounds); the problem "
                    + "names it.")
    @APIResponse(
            responseCode = "409",
            description = "An attempt dated before the lead's last change (such as its "
                    + "rejection or conversion) is stale-change, naming occurredAt with both times: send a lead's history in "
                    + "time order. An attempt at or after the close of a closed or archived lead: contact attempts are for "
                    + "open leads.")
    public Response upsert(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid LeadApi.ContactAttemptState request) {
        ExternalRef ref = byRef.ref();
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        ContactAttempt.Outcome outcome =
                LeadResource.enumValue(ContactAttempt.Outcome.class, "outcome", request.outcome());
        LeadService.Attempt attempt = leads.upsertAttempt(
                ref,
                request.leadId(),
                request.leadRef(),
                outcome,
                request.comment(),
                request.occurredAt(),
                byRef.dryRun());
        ContactAttempt a = attempt.attempt();
        LeadApi.ContactAttemptView body = new LeadApi.ContactAttemptView(
                a.id,
                a.leadId,
                a.attemptNumber,
                a.outcome.name(),
                a.comment,
                a.managerId,
                a.attemptedAt,
                a.externalSystem,
                a.externalId);
        return ByRefUpsert.answer(attempt.created(), "/api/v1/leads/" + a.leadId + "/contact-attempts", body);
    }
}
