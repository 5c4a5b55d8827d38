package com.salespulse.integration.amocrm;

import com.salespulse.integration.RowPageParams;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/amocrm/connections")
@Tag(
        name = "amoCRM",
        description = "amoCRM (Kommo) accounts whose webhooks become deals, clients and tasks; the "
                + "mapping of their pipelines, statuses and users; the parked queue (docs/amocrm.md)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
public class AmoCrmResource {

    private final AmoCrmService amocrm;
    private final String publicUrl;

    public AmoCrmResource(
            AmoCrmService amocrm, @ConfigProperty(name = "salespulse.amocrm.public-url") String publicUrl) {
        this.amocrm = amocrm;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Connect an amoCRM account",
            description = "Answers the webhook URL with its secret, this "
                    + "once (only a hash is kept): paste it into amoCRM (Settings → Integrations → Web hooks) and tick the "
                    + "lead, contact and task events. Its mapping starts empty, so every lead is parked until the mapping "
                    + "names its pipeline, status and user. Roles: head, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "Connected; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.ConnectionSecret.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is invalid, or another connection of the tenant uses "
                    + "that externalSystem; the problem names it.")
    public Response create(@NotNull(message = "a JSON body is required") @Valid AmoCrmApi.NewConnection request) {
        AmoCrmService.Created created = amocrm.create(request);
        return Response.created(URI.create(
                        "/api/v1/amocrm/connections/" + created.connection().id()))
                .entity(secret(created))
                .build();
    }

    @GET
    @Operation(
            summary = "List amoCRM connections",
            description = "With their entries by state. Roles: head, " + "integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The tenant's connections.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = AmoCrmApi.ConnectionView.class)))
    public List<AmoCrmApi.ConnectionView> list() {
        return amocrm.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an amoCRM connection", description = "Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The connection.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.ConnectionView.class)))
    @APIResponse(responseCode = "404", description = "No such connection in the caller's tenant.")
    public AmoCrmApi.ConnectionView get(@PathParam("id") UUID id) {
        return amocrm.get(id);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(
            summary = "Give a connection a new secret",
            description =
                    "The old URL stops working at once; paste " + "the new one into amoCRM. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The new URL, shown this once.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.ConnectionSecret.class)))
    @APIResponse(responseCode = "404", description = "No such connection in the caller's tenant.")
    public AmoCrmApi.ConnectionSecret rotateSecret(@PathParam("id") UUID id) {
        return secret(amocrm.rotateSecret(id));
    }

    @GET
    @Path("/{id}/mapping")
    @Operation(summary = "Read a connection's mapping", description = "Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The mapping.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.Mapping.class)))
    @APIResponse(responseCode = "404", description = "No such connection in the caller's tenant.")
    public AmoCrmApi.Mapping mapping(@PathParam("id") UUID id) {
        return amocrm.mapping(id);
    }

    @PUT
    @Path("/{id}/mapping")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace a connection's mapping",
            description = "amoCRM pipelines → Sales Pulse pipelines "
                    + "with their WON and LOST stages (amoCRM's statuses 142 and 143), amoCRM statuses → stages, amoCRM "
                    + "users → managers, each by id or by reference. The ids and references are checked by the owners when a "
                    + "change is applied (a wrong one fails that change, visible at .../entries?state=FAILED). Every parked "
                    + "change is then tried again in amoCRM's order: those the mapping now covers are applied. Roles: head, "
                    + "integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The mapping as stored.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.Mapping.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is invalid: an id and a reference for the same "
                    + "target, neither, a key mapped twice, 142 or 143 among the statuses; the problem names it.")
    @APIResponse(responseCode = "404", description = "No such connection in the caller's tenant.")
    public AmoCrmApi.Mapping putMapping(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid AmoCrmApi.Mapping mapping) {
        return amocrm.putMapping(id, mapping);
    }

    @GET
    @Path("/{id}/parked")
    @Operation(
            summary = "The parked queue",
            description = "Changes kept because what they need is not mapped or "
                    + "linked yet, oldest first, each with why: \"status 12345 of pipeline 678 has no mapping\", \"user 999 "
                    + "has no mapping\", \"lead 5 has no linked contact yet\", or waiting behind an older parked change of the "
                    + "same lead. Nothing parked is dropped: a mapping PUT or the contact's arrival applies them in order. "
                    + "Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "A page of parked changes.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.EntryPage.class)))
    @APIResponse(responseCode = "404", description = "No such connection in the caller's tenant.")
    @APIResponse(responseCode = "400", description = "page or size out of range.")
    public AmoCrmApi.EntryPage parked(@PathParam("id") UUID id, @BeanParam @Valid RowPageParams paging) {
        return amocrm.entries(id, AmoEntryRepository.State.PARKED, paging.page(), paging.size());
    }

    @GET
    @Path("/{id}/entries")
    @Operation(
            summary = "Changes by state",
            description = "PENDING (to apply, or waiting for a retry: reason says "
                    + "why), APPLIED, PARKED, SUPERSEDED (older than a change of the same card already applied, or the owner "
                    + "answered stale-change), FAILED (the owner refused it: reason has its answer), IGNORED (nothing here "
                    + "mirrors it, e.g. a deleted lead). Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "A page of changes.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.EntryPage.class)))
    @APIResponse(responseCode = "404", description = "No such connection in the caller's tenant.")
    @APIResponse(responseCode = "400", description = "state, page or size invalid.")
    public AmoCrmApi.EntryPage entries(
            @PathParam("id") UUID id,
            @Parameter(description = "The state.") @QueryParam("state") @DefaultValue("FAILED")
                    AmoEntryRepository.State state,
            @BeanParam @Valid RowPageParams paging) {
        return amocrm.entries(id, state, paging.page(), paging.size());
    }

    private AmoCrmApi.ConnectionSecret secret(AmoCrmService.Created created) {
        return new AmoCrmApi.ConnectionSecret(
                created.connection(),
                publicUrl + "/api/v1/amocrm/webhooks/" + created.connection().id() + "/" + created.secret(),
                created.secret());
    }
}
