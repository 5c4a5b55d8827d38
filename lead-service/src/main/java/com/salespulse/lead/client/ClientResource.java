package com.salespulse.lead.client;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.lead.NotBlankWhenGiven;
import com.salespulse.lead.settings.TenantSettingsService;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;

@Path("/api/v1/clients")
@Tag(name = "Clients", description = "The client base: persons and companies with normalized contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientResource {

    /** Something@domain, no spaces: what intake's {@code @Email} lets through, near enough for a contact. */
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final ClientService clients;
    private final ContactNormalizer normalizer;
    private final TenantSettingsService settings;
    private final CurrentCaller caller;

    public ClientResource(ClientService clients, ContactNormalizer normalizer, TenantSettingsService settings,
            CurrentCaller caller) {
        this.clients = clients;
        this.normalizer = normalizer;
        this.settings = settings;
        this.caller = caller;
    }

    @Schema(name = "ContactInput", description = "A way to reach a client.")
    public record ContactInput(
            @Schema(description = "PHONE, EMAIL or MESSENGER.", required = true) @NotNull ClientContact.Kind kind,
            @Schema(description = "The value in any common notation.", required = true, example = "8 912 345 67 89")
            @NotBlank @Size(max = 254) String value) {
    }

    @Schema(name = "CreateClientRequest", description = "A client entered directly (intake creates clients by itself).")
    public record CreateClient(
            @Schema(description = "PERSON or COMPANY.", required = true) @NotNull Client.Kind kind,
            @Schema(description = "The name; leave it out when it is not known (a blank one is refused).",
                    example = "ООО Ромашка") @Size(max = 200) @NotBlankWhenGiven String name,
            @Schema(description = "Contacts.") @Size(max = 20) List<@NotNull @Valid ContactInput> contacts,
            @Schema(description = "The integrating system, with externalId.", example = "bitrix24")
            @Size(max = 64) @NotBlankWhenGiven String externalSystem,
            @Schema(description = "The client's id there, unique per tenant and system.")
            @Size(max = 128) @NotBlankWhenGiven String externalId) {
    }

    @Schema(name = "MergeClientsRequest", description = "Merge another client into this one.")
    public record Merge(
            @Schema(description = "The client that is merged away, of the caller's tenant; its contacts and leads move "
                    + "here.", required = true)
            @NotNull UUID mergedClientId,
            @Schema(description = "Why.") @Size(max = 500) String reason) {
    }

    @Schema(name = "ClientContact", description = "A contact, normalized.")
    public record ContactView(@Schema(description = "PHONE, EMAIL or MESSENGER.") String kind,
            @Schema(description = "Normalized: E.164 for phones, lower case for e-mails.") String value,
            @Schema(description = "As entered.") String raw) {
    }

    @Schema(name = "Client", description = "A client.")
    public record View(@Schema(description = "The id.") UUID id, @Schema(description = "PERSON or COMPANY.") String kind,
            @Schema(description = "The name.") String name, @Schema(description = "Contacts.") List<ContactView> contacts,
            @Schema(description = "The integrating system.") String externalSystem,
            @Schema(description = "The id there.") String externalId,
            @Schema(description = "Set when this client was merged into another; read that one instead.") UUID mergedIntoId,
            @Schema(description = "When created (UTC).") Instant createdAt,
            @Schema(description = "The version.") long version) {
    }

    @POST
    @RolesAllowed({ Roles.HEAD, Roles.INTEGRATOR })
    @Operation(summary = "Create a client", description = "Contacts are normalized (phones in the tenant's region). "
            + "Emits salespulse.lead.client-created. Roles: head, integrator.")
    @APIResponse(responseCode = "201", description = "The client.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem names it.")
    @APIResponse(responseCode = "409", description = "The external reference is taken.")
    public Response create(@NotNull(message = "a JSON body is required") @Valid CreateClient request) {
        if ((request.externalSystem() == null) != (request.externalId() == null)) {
            throw ProblemException.invalidField(request.externalId() == null ? "externalId" : "externalSystem",
                    "externalSystem and externalId come together");
        }
        String region = settings.current().phoneRegion;
        List<ClientService.Contact> contacts = new ArrayList<>();
        List<ContactInput> given = request.contacts() == null ? List.of() : request.contacts();
        for (int i = 0; i < given.size(); i++) {
            ContactInput c = given.get(i);
            String field = "contacts[" + i + "].value";
            String value = switch (c.kind()) {
                case PHONE -> normalizer.phone(c.value(), region, field);
                case EMAIL -> email(c.value(), field);
                case MESSENGER -> c.value().trim();
            };
            contacts.add(new ClientService.Contact(c.kind(), value, c.value().trim()));
        }
        Client client = clients.create(caller.tenant(), caller.actor(), new ClientService.NewClient(request.kind(),
                trimmed(request.name()), contacts, trimmed(request.externalSystem()), trimmed(request.externalId()), null));
        return Response.created(URI.create("/api/v1/clients/" + client.id)).entity(get(client.id)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR })
    @Operation(summary = "Read a client", description = "With its contacts; a merged client says which one it was "
            + "merged into. A manager reads only the clients they hold a lead of (in any status, archived included; "
            + "a merged client through the client it was merged into), as they read only their own leads. "
            + "Roles: head, manager, integrator.")
    @APIResponse(responseCode = "200", description = "The client.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or is the nil UUID.")
    @APIResponse(responseCode = "404", description = "No such client among those the caller may see (another tenant's, "
            + "or for a manager one they hold no lead of, answers the same, so existence does not leak).")
    public View get(@Parameter(description = "The client's id.") @PathParam("id") UUID id) {
        return view(clients.findVisible(id, caller.managerScope())
                .orElseThrow(() -> ProblemException.notFound("Client " + id)));
    }

    private View view(Client c) {
        return new View(c.id, c.kind.name(), c.name, clients.contactsOf(c.id).stream()
                .map(cc -> new ContactView(cc.kind.name(), cc.value, cc.raw)).toList(),
                c.externalSystem, c.externalId, c.mergedIntoId, c.createdAt, c.version);
    }

    @POST
    @Path("/{id}/merge")
    @RolesAllowed(Roles.HEAD)
    @Operation(summary = "Merge a client into this one", description = "The other client's contacts (those this one "
            + "lacks) and leads move here; the other stays readable as merged into this one, so both histories are "
            + "kept. Emits salespulse.lead.clients-merged. Role: head.")
    @APIResponse(responseCode = "200", description = "The surviving client.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "The same client twice, or no such merged client.")
    @APIResponse(responseCode = "404", description = "No such client.")
    @APIResponse(responseCode = "409", description = "One of the clients was already merged.")
    public View merge(@Parameter(description = "The client's id.") @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid Merge request) {
        clients.merge(caller.tenant(), caller.actor(), id, request.mergedClientId(), trimmed(request.reason()));
        return get(id);
    }

    private String email(String raw, String field) {
        String email = normalizer.email(raw);
        if (!EMAIL.matcher(email).matches()) {
            throw ProblemException.invalidField(field, "must be an e-mail address such as anna@example.com");
        }
        return email;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
