package com.salespulse.lead.client;

import com.salespulse.lead.integration.DryRun;
import com.salespulse.lead.integration.References;
import com.salespulse.lead.settings.TenantSettingsService;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
    private final BusinessTime time;
    private final DryRun dryRuns;

    public ClientResource(
            ClientService clients,
            ContactNormalizer normalizer,
            TenantSettingsService settings,
            CurrentCaller caller,
            Clock clock,
            DryRun dryRuns) {
        this.time = new BusinessTime(clock);
        this.dryRuns = dryRuns;
        this.clients = clients;
        this.normalizer = normalizer;
        this.settings = settings;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Create a client",
            description = "Contacts are normalized (phones in the tenant's region). "
                    + "Emits salespulse.lead.client-created. Roles: head, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The client.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientView.class)))
    @APIResponse(responseCode = "409", description = "The external reference is taken.")
    public Response create(@NotNull(message = "a JSON body is required") @Valid ClientApi.NewClient request) {
        References.requirePair(request.externalSystem(), request.externalId(), "externalSystem", "externalId");
        Client client =
                clients.create(newClient(request, trimmed(request.externalSystem()), trimmed(request.externalId())));
        return Response.created(URI.create("/api/v1/clients/" + client.id))
                .entity(get(client.id))
                .build();
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Create a client by its external reference, or bring it to the state sent (upsert)",
            description = "For "
                    + "integrators. Unknown reference: created as by POST /api/v1/clients (salespulse.lead.client-created at "
                    + "occurredAt); 201. Known: edited as by PATCH /api/v1/clients/{id} (kind, a name given, contacts "
                    + "when given, replacing the client's; salespulse.lead.client-updated with before and after), 200; "
                    + "contacts left out keep theirs; a client merged into another is answered as stored. The same request "
                    + "twice: one client, one event. A contact another client owns is 409 naming it (merge instead). dryRun=true answers what the "
                    + "real call would and writes nothing. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The client with this reference, in the state sent.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The client was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientView.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "A field is invalid, or the body names another reference than " + "the path; the problem names it.")
    @APIResponse(responseCode = "409", description = "A contact belongs to another live client; the problem names it.")
    public Response upsert(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid ClientApi.NewClient request) {
        ExternalRef ref = byRef.ref();
        ref.mustMatchBody(trimmed(request.externalSystem()), trimmed(request.externalId()));
        ClientService.Upserted result = clients.upsert(
                newClient(request, ref.externalSystem(), ref.externalId()),
                request.contacts() != null,
                byRef.dryRun(),
                dryRuns);
        ClientApi.ClientView view = view(result.client(), result.contacts());
        return ByRefUpsert.answer(result.created(), "/api/v1/clients/" + view.id(), view);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a client by its external reference",
            description =
                    "As GET /api/v1/clients/{id}: a "
                            + "manager reads only the clients they hold a lead of. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The client.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientView.class)))
    @APIResponse(responseCode = "404", description = "No client with this reference among those the caller may see.")
    public ClientApi.ClientView getByRef(@BeanParam ByRef byRef) {
        ExternalRef ref = byRef.ref();
        UUID id = clients.byRef(ref.externalSystem(), ref.externalId())
                .map(c -> c.id)
                .orElseThrow(() -> ProblemException.notFound("Client " + ref));
        return view(clients.findVisible(id, caller.managerScope())
                .orElseThrow(() -> ProblemException.notFound("Client " + ref)));
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List and search clients",
            description = "The live clients (not merged away), paged, by name unless sort says otherwise (the id "
                    + "breaks ties, so pages never overlap; clients without a name last). q finds text anywhere in the "
                    + "name or a contact, in any case; digits in it also match a phone in any notation. A manager "
                    + "sees only the clients they hold a lead of, as for GET /api/v1/clients/{id}. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of clients.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientPage.class)))
    public ClientApi.ClientPage list(
            @Parameter(
                            description = "Text in the client's name, phone or e-mail.",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
                    @QueryParam("q")
                    String text,
            @Parameter(
                            description = "The order: name (the default) or createdAt; a leading - for descending, "
                                    + "e.g. -createdAt.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {"name", "-name", "createdAt", "-createdAt"}))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (text == null && query.containsKey("q")) {
            text = "";
        }
        if (text != null && text.isBlank()) {
            throw ProblemException.invalidField("q", "must not be blank; leave the parameter out not to filter by it");
        }
        if (text != null && text.length() > 200) {
            throw ProblemException.invalidField("q", "must be at most 200 characters");
        }
        SortOrder order = SortOrder.parse(sort, query, "name", ClientApi.SORT);
        String lower = text == null ? null : text.trim().toLowerCase(Locale.ROOT);
        String digits = lower == null ? "" : lower.replaceAll("[^0-9]", "");
        ClientService.ClientPage result = clients.page(
                new ClientRepository.Search(caller.managerScope(), lower, digits.isEmpty() ? null : digits),
                order,
                paging.page(),
                paging.size());
        return new ClientApi.ClientPage(
                result.items().stream().map(this::view).toList(), paging.page(), paging.size(), result.total());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Edit a client",
            description = "Kind, name and contacts (given contacts replace the client's; phones normalized in the "
                    + "tenant's region and e-mails checked as at lead intake). A phone or e-mail another live client "
                    + "owns is refused with 409 naming the contact: merge the two clients instead. Send the version "
                    + "you read. Emits salespulse.lead.client-updated with before and after (nothing when nothing "
                    + "changed). Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The client as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client in the caller's tenant.")
    @APIResponse(
            responseCode = "409",
            description = "The client changed since the version sent, was merged into another, or a contact belongs "
                    + "to another client.")
    public ClientApi.ClientView update(
            @Parameter(description = "The client's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid ClientApi.ClientUpdate request) {
        List<ClientService.Contact> contacts =
                request.contacts() == null ? null : contacts(request.contacts(), settings.current().phoneRegion);
        clients.update(
                id, new ClientService.Edit(request.version(), request.kind(), trimmed(request.name()), contacts));
        return get(id);
    }

    private List<ClientService.Contact> contacts(List<ClientApi.ContactInput> given, String region) {
        List<ClientService.Contact> contacts = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            ClientApi.ContactInput c = given.get(i);
            String field = "contacts[" + i + "].value";
            String value = switch (c.kind()) {
                case PHONE -> normalizer.phone(c.value(), region, field);
                case EMAIL -> email(c.value(), field);
                case MESSENGER -> c.value().trim();
            };
            contacts.add(new ClientService.Contact(c.kind(), value, c.value().trim()));
        }
        return contacts;
    }

    private ClientService.NewClient newClient(ClientApi.NewClient request, String externalSystem, String externalId) {
        List<ClientService.Contact> contacts =
                contacts(request.contacts() == null ? List.of() : request.contacts(), settings.current().phoneRegion);
        return new ClientService.NewClient(
                request.kind(),
                trimmed(request.name()),
                contacts,
                externalSystem,
                externalId,
                null,
                request.occurredAt() == null ? null : time.of(request.occurredAt()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a client",
            description = "With its contacts; a merged client says which one it was "
                    + "merged into. A manager reads only the clients they hold a lead of (in any status, archived included; "
                    + "a merged client through the client it was merged into), as they read only their own leads. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The client.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such client among those the caller may see (another tenant's, "
                    + "or for a manager one they hold no lead of, answers the same, so existence does not leak).")
    public ClientApi.ClientView get(@Parameter(description = "The client's id.") @PathParam("id") UUID id) {
        return view(clients.findVisible(id, caller.managerScope())
                .orElseThrow(() -> ProblemException.notFound("Client " + id)));
    }

    private ClientApi.ClientView view(Client c) {
        return view(c, clients.contactsOf(c.id));
    }

    private static ClientApi.ClientView view(Client c, List<ClientContact> contacts) {
        return new ClientApi.ClientView(
                c.id,
                c.kind.name(),
                c.name,
                contacts.stream()
                        .map(cc -> new ClientApi.ContactView(cc.kind.name(), cc.value, cc.raw))
                        .toList(),
                c.externalSystem,
                c.externalId,
                c.mergedIntoId,
                c.createdAt,
                c.version);
    }

    @POST
    @Path("/{id}/merge")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Merge a client into this one",
            description = "The other client's contacts (those this one "
                    + "lacks) and leads move here; the other stays readable as merged into this one, so both histories are "
                    + "kept. Emits salespulse.lead.clients-merged. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The surviving client.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ClientApi.ClientView.class)))
    @APIResponse(responseCode = "400", description = "The same client twice, or no such merged client.")
    @APIResponse(responseCode = "404", description = "No such client.")
    @APIResponse(responseCode = "409", description = "One of the clients was already merged.")
    public ClientApi.ClientView merge(
            @Parameter(description = "The client's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid ClientApi.Merge request) {
        clients.merge(id, request.mergedClientId(), request.mergedClientRef(), trimmed(request.reason()));
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
