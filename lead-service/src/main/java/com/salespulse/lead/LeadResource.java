package com.salespulse.lead;

import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.lead.roster.Manager;
import com.salespulse.lead.roster.RosterService;
import com.salespulse.problem.NilUuid;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/leads")
@Tag(name = "Leads", description = "Lead intake, lifecycle, distribution and lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeadResource {

    private final LeadService leads;
    private final RosterService roster;
    private final CurrentCaller caller;
    private final Validator validator;

    public LeadResource(LeadService leads, RosterService roster, CurrentCaller caller, Validator validator) {
        this.leads = leads;
        this.roster = roster;
        this.caller = caller;
        this.validator = validator;
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Take in a lead",
            description = "Normalizes the contacts (phones to E.164 in the tenant's "
                    + "region), links a duplicate to the existing client and flags it (or refuses it with 409, by tenant "
                    + "setting), gives the lead to the named manager or by the tenant's distribution rule (or queues it when "
                    + "nobody qualifies), and emits salespulse.lead.created in the same transaction. A refused lead writes "
                    + "nothing. A manager's lead is their own. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The lead was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(
            responseCode = "409",
            description = "A duplicate refused by the tenant's policy, or a known external "
                    + "reference; Location points to the existing card.")
    // one transaction for the intake and its answer: the owner's name is read in it rather than in a second one
    @Transactional
    public Response create(@NotNull(message = "a JSON body is required") @Valid LeadApi.NewLead request) {
        Lead lead = leads.create(toNewLead(request));
        return Response.created(URI.create("/api/v1/leads/" + lead.id))
                .entity(toResponse(lead))
                .build();
    }

    @POST
    @Path("/batch")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Take in up to 100 leads, all or nothing",
            description = "Every item is checked as by the "
                    + "single intake, and the items are taken in in one transaction: a refused item (an invalid field, an "
                    + "unknown manager, a value the database cannot store) refuses the whole batch with 400 naming the item's "
                    + "fields as items[i].field, and nothing is written, so the corrected batch can simply be sent again. "
                    + "A duplicate is not a refusal: it is taken in and flagged, or refused by the tenant's policy (or a known "
                    + "external reference) and answered as DUPLICATE without a leadId while the other items are taken in. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "Every item taken in, or refused as a duplicate; one result per " + "item, in order.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.BatchResult.class)))
    @APIResponse(
            responseCode = "400",
            description = "No items, more than 100, or a refused item; the problem names "
                    + "every refused field as items[i].field. Nothing was written.")
    @APIResponse(
            responseCode = "409",
            description =
                    "An item collides with a card written meanwhile by another " + "request. Nothing was written.")
    public LeadApi.BatchResult batch(@NotNull(message = "a JSON body is required") @Valid LeadApi.Batch batch) {
        List<Problem.InvalidField> refused = new ArrayList<>();
        List<LeadService.NewLead> items = new ArrayList<>();
        for (int i = 0; i < batch.items().size(); i++) {
            String item = "items[" + i + "]";
            LeadApi.NewLead request = batch.items().get(i);
            if (request == null) {
                refused.add(new Problem.InvalidField(item, "must not be null"));
                continue;
            }
            validator.validate(request).stream()
                    .map(v -> new Problem.InvalidField(item + "." + fieldOf(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.InvalidField::field))
                    .forEach(refused::add);
            try {
                items.add(toNewLead(request));
            } catch (ProblemException e) {
                e.toProblem()
                        .invalidFields()
                        .forEach(f -> refused.add(new Problem.InvalidField(item + "." + f.field(), f.message())));
            }
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(
                    ProblemType.INVALID_REQUEST,
                    refused.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")),
                    refused);
        }
        List<LeadService.Intake> taken = leads.createAll(items);
        List<LeadApi.ItemResult> results = new ArrayList<>();
        for (int i = 0; i < taken.size(); i++) {
            Lead lead = taken.get(i).lead();
            results.add(
                    lead == null
                            ? new LeadApi.ItemResult(
                                    i,
                                    "DUPLICATE",
                                    null,
                                    taken.get(i).refused().existing().toString())
                            : new LeadApi.ItemResult(
                                    i,
                                    lead.duplicate ? "DUPLICATE" : "CREATED",
                                    lead.id,
                                    lead.duplicateOfLeadId == null ? null : "/api/v1/leads/" + lead.duplicateOfLeadId));
        }
        int created = (int) results.stream().filter(r -> r.leadId() != null).count();
        int duplicates = (int)
                results.stream().filter(r -> r.outcome().equals("DUPLICATE")).count();
        return new LeadApi.BatchResult(results, created, duplicates);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // the class-level contact rule is reported as "contact", as for the single intake
        return path.equals("contact") || path.isEmpty() ? "contact" : path;
    }

    private LeadService.NewLead toNewLead(LeadApi.NewLead request) {
        Optional<UUID> ownScope = caller.managerScope();
        UUID managerId = request.managerId();
        if (ownScope.isPresent()) {
            if (managerId != null && !managerId.equals(ownScope.get())) {
                throw ProblemException.invalidField("managerId", "a manager takes in leads only for themselves");
            }
            managerId = ownScope.get();
        }
        LeadCreated.Utm utm = request.utm() == null
                ? null
                : new LeadCreated.Utm(
                        request.utm().source(),
                        request.utm().medium(),
                        request.utm().campaign(),
                        request.utm().term(),
                        request.utm().content());
        if (ownScope.isPresent() && request.managerRef() != null) {
            throw ProblemException.invalidField("managerRef", "a manager takes in leads only for themselves");
        }
        return new LeadService.NewLead(
                request.source(),
                request.channel(),
                request.campaign(),
                utm,
                request.clientName(),
                request.phone(),
                request.email(),
                request.comment(),
                managerId,
                request.externalSystem(),
                request.externalId(),
                request.managerRef(),
                request.clientId(),
                request.clientRef(),
                request.occurredAt());
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Create or update a lead by its external reference (state upsert)",
            description = "For "
                    + "integrators: the lead with this reference in the tenant is made to match the body. Unknown: taken in as "
                    + "by POST /api/v1/leads at occurredAt (lead.created), then walked to the status sent, one "
                    + "lead.status-changed per step; 201 with Location. Known: the contact details, owner and status sent are "
                    + "compared with the lead's and each difference is applied as its single operation would (lead.updated, "
                    + "lead.assigned, lead.status-changed) at occurredAt; 200. A field left out (or null) keeps its value, "
                    + "so a later state need not repeat the phone or e-mail (one of them is required at creation only); "
                    + "source, channel, campaign, utm and the client are taken at creation only. The same request twice makes "
                    + "one lead and one set of events: a request that changes nothing writes and emits nothing, whatever its "
                    + "occurredAt. "
                    + "A change older than the lead's last change is 409 stale-change (history is sent in time order per "
                    + "card). dryRun=true checks everything and answers what the real call would, writing and emitting "
                    + "nothing. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The lead existed; it now matches the body (or already did).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The lead was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid (an unknown managerRef names "
                    + "managerRef.externalId, a body reference other than the path's names it, occurredAt in the future or "
                    + "before the lead came in); the problem names it. Nothing was written.")
    @APIResponse(
            responseCode = "409",
            description = "A move the lifecycle does not allow (the allowed ones listed), "
                    + "an archived lead, a duplicate the tenant refuses, or a stale change (type urn:salespulse:problem:"
                    + "stale-change, naming occurredAt, both times in the detail).")
    // one transaction for the change and its answer (as create): the owner's name read for the answer in a second
    // transaction could fail after the change was committed and answer 500 for a stored change (the fault suite's T4)
    @Transactional
    public Response upsert(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid LeadApi.LeadState request) {
        ExternalRef ref = byRef.ref();
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        Lead.Status status = request.status() == null ? null : enumValue(Lead.Status.class, "status", request.status());
        LeadService.NewLead lead = new LeadService.NewLead(
                request.source(),
                request.channel(),
                request.campaign(),
                request.utm() == null
                        ? null
                        : new LeadCreated.Utm(
                                request.utm().source(),
                                request.utm().medium(),
                                request.utm().campaign(),
                                request.utm().term(),
                                request.utm().content()),
                request.clientName(),
                request.phone(),
                request.email(),
                request.comment(),
                request.managerId(),
                ref.externalSystem(),
                ref.externalId(),
                request.managerRef(),
                request.clientId(),
                request.clientRef(),
                request.occurredAt());
        LeadService.Upserted result = leads.upsert(
                ref,
                new LeadService.LeadState(lead, status, request.rejectionReason(), request.statusComment()),
                byRef.dryRun());
        LeadApi.LeadView body = toResponse(result.lead());
        return ByRefUpsert.answer(result.created(), "/api/v1/leads/" + result.lead().id, body);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a lead by its external reference",
            description = "A manager reads only their own. " + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The lead.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(responseCode = "404", description = "No lead with this reference among those the caller may see.")
    public LeadApi.LeadView getByRef(@BeanParam ByRef byRef) {
        ExternalRef ref = byRef.ref();
        return found(ref, leads.findByRef(ref, caller.scope()));
    }

    @POST
    @Path("/by-ref/{externalSystem}/{externalId}/convert")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Convert a qualified lead named by its external reference",
            description = "As POST " + "/api/v1/leads/{id}/convert. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The lead, CONVERTED.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(responseCode = "404", description = "No lead with this reference.")
    @APIResponse(responseCode = "409", description = "Not QUALIFIED, no manager, archived, or a stale change.")
    @Transactional
    public LeadApi.LeadView convertByRef(@BeanParam ByRef byRef, @Valid LeadApi.Convert request) {
        ExternalRef ref = byRef.ref();
        UUID id = leads.findByRef(ref, caller.scope())
                .map(l -> l.id)
                .orElseThrow(() -> ProblemException.notFound("Lead " + ref));
        return convert(id, request);
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List leads",
            description = "The leads the caller may see, newest first unless sort says otherwise (the id breaks ties, "
                    + "so pages never overlap): the whole tenant for a head of sales or an integrator, their own for a manager. "
                    + "Archived leads are listed only with archived=true. A filter left out filters nothing; a filter given "
                    + "blank, unreadable (archived=maybe, a date outside the years 1900 to 2100) or naming the nil UUID is "
                    + "refused with 400 naming it. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of leads.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadPage.class)))
    public LeadApi.LeadPage list(
            @Parameter(
                            description = "Only this status.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 32,
                                            enumeration = {"NEW", "IN_WORK", "QUALIFIED", "CONVERTED", "REJECTED"}))
                    @QueryParam("status")
                    Lead.Status status,
            @Parameter(description = "Only this manager's leads.") @QueryParam("managerId") UUID managerId,
            @Parameter(description = "Only leads of this team.") @QueryParam("teamId") UUID teamId,
            @Parameter(description = "Only this source.", schema = @Schema(type = SchemaType.STRING, maxLength = 64))
                    @QueryParam("source")
                    String source,
            @Parameter(
                            description = "Only leads from this integrating system.",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 64))
                    @QueryParam("externalSystem")
                    String externalSystem,
            @Parameter(
                            description =
                                    "Only the lead with this id in its integrating system (with externalSystem, at "
                                            + "most one).",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 128))
                    @QueryParam("externalId")
                    String externalId,
            @Parameter(
                            description = "Created at or after this instant, e.g. 2026-11-01T00:00:00Z.",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 64))
                    @QueryParam("from")
                    Instant from,
            @Parameter(
                            description = "Created before this instant.",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 64))
                    @QueryParam("to")
                    Instant to,
            @Parameter(description = "true: only duplicates; false: only non-duplicates.") @QueryParam("duplicate")
                    Boolean duplicate,
            @Parameter(description = "true: only unassigned (the queue); false: only assigned.")
                    @QueryParam("unassigned")
                    Boolean unassigned,
            @Parameter(description = "true: the archive instead of the working list (the default, false).")
                    @QueryParam("archived")
                    Boolean archived,
            @Parameter(
                            description = "Text in the client's name, phone or e-mail.",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
                    @QueryParam("q")
                    String text,
            @Parameter(
                            description = "The order: createdAt, clientName, status, assignedAt or lastChangedAt; a "
                                    + "leading - for descending (empty values last). Left out: -createdAt, newest "
                                    + "first.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {
                                                "createdAt",
                                                "-createdAt",
                                                "clientName",
                                                "-clientName",
                                                "status",
                                                "-status",
                                                "assignedAt",
                                                "-assignedAt",
                                                "lastChangedAt",
                                                "-lastChangedAt"
                                            }))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        // the query as sent: a parameter given empty must not read as one left out, nor "maybe" as false
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        requireValue(query, "status", status);
        source = given(query, "source", source);
        externalSystem = given(query, "externalSystem", externalSystem);
        externalId = given(query, "externalId", externalId);
        text = given(query, "q", text);
        requireValue(query, "managerId", managerId);
        requireValue(query, "teamId", teamId);
        requireValue(query, "from", from);
        requireValue(query, "to", to);
        if (from != null && to != null && !to.isAfter(from)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        LeadRepository.Filter filter = new LeadRepository.Filter(
                caller.scope(),
                status,
                NilUuid.refuse("managerId", managerId),
                NilUuid.refuse("teamId", teamId),
                filterText("source", source, 64),
                filterText("externalSystem", externalSystem, 64),
                filterText("externalId", externalId, 128),
                from,
                to,
                duplicate,
                filterText("q", text, 200),
                Boolean.TRUE.equals(archived),
                unassigned);
        SortOrder order = SortOrder.parse(sort, query, "-createdAt", LeadApi.SORT);
        return page(leads.list(filter, order, paging.page(), paging.size()));
    }

    @GET
    @Path("/queue")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "The unassigned queue",
            description = "Open leads without an owner, oldest first: the order "
                    + "they are given out in as managers come on shift (a scheduler drains the queue every minute). "
                    + "Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The queue, up to 100 leads.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadPage.class)))
    public LeadApi.LeadPage queue() {
        LeadService.LeadPage newestFirst = leads.list(LeadRepository.Filter.queue(), 0, PageParams.MAX_SIZE);
        List<Lead> oldestFirst = new ArrayList<>(newestFirst.items());
        java.util.Collections.reverse(oldestFirst);
        return page(new LeadService.LeadPage(oldestFirst, 0, PageParams.MAX_SIZE, newestFirst.total()));
    }

    @POST
    @Path("/queue/drain")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Give out the queue now",
            description = "Offers the queued leads, oldest first, to the "
                    + "managers who qualify now under the tenant's rule, as the scheduler does every minute; emits "
                    + "salespulse.lead.assigned per lead given. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "How many leads were given out.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.JobResult.class)))
    public LeadApi.JobResult drain() {
        return new LeadApi.JobResult(leads.drainQueue());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read one lead",
            description = "A lead of the caller's tenant; a manager reads only their own. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The lead.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such lead among those the caller may see (another tenant's or "
                    + "another manager's lead answers the same, so existence does not leak).")
    public LeadApi.LeadView get(@Parameter(description = "The lead's id.") @PathParam("id") UUID id) {
        return found(id, leads.find(id, caller.scope()));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Change a lead's contact details",
            description = "Optimistic concurrency: send the version you "
                    + "read; a lead changed since answers 409. Emits salespulse.lead.updated with the details before and after. "
                    + "A manager changes only their own leads. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The lead as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(responseCode = "404", description = "No such lead among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The lead changed since the version sent.")
    @Transactional
    public LeadApi.LeadView update(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid LeadApi.LeadUpdate request) {
        return found(
                id,
                leads.update(
                        id,
                        caller.scope(),
                        new LeadService.LeadChanges(
                                request.version(),
                                request.clientName(),
                                request.phone(),
                                request.email(),
                                request.comment())));
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Move a lead in its lifecycle",
            description = "NEW → IN_WORK → QUALIFIED, or REJECTED from "
                    + "any open status with a reasonCode from the catalogue. Emits salespulse.lead.status-changed with the "
                    + "status before and after, at occurredAt when given. A manager moves only their own leads. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The lead as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A missing, blank or unknown status, a rejection without a reason, " + "an unknown reason.")
    @APIResponse(responseCode = "404", description = "No such lead among those the caller may see.")
    @APIResponse(
            responseCode = "409",
            description =
                    "The move is not allowed from the current status; the problem "
                            + "lists the allowed ones. Or the lead is archived, or occurredAt is before its last change (stale-change).")
    @Transactional
    public LeadApi.LeadView changeStatus(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid LeadApi.ChangeStatus request) {
        Lead.Status to = enumValue(Lead.Status.class, "status", request.status());
        return found(
                id,
                leads.changeStatus(
                        id, caller.scope(), to, request.reasonCode(), request.comment(), request.occurredAt()));
    }

    @POST
    @Path("/{id}/contact-attempts")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Record a contact attempt",
            description = "Counts failed attempts (every outcome but REACHED); "
                    + "at the tenant's threshold the lead becomes unreached, a REACHED clears it. Emits "
                    + "salespulse.lead.contact-attempted, at occurredAt when given. An attempt with an external reference "
                    + "already recorded on the lead records nothing and answers 200 with it. "
                    + "Roles: head, team-lead, manager (own leads), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The attempt with this reference was recorded before; nothing new.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.ContactAttemptView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The attempt.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.ContactAttemptView.class)))
    @APIResponse(responseCode = "400", description = "A missing, blank or unknown outcome.")
    @APIResponse(responseCode = "404", description = "No such lead among those the caller may see.")
    @APIResponse(
            responseCode = "409",
            description = "occurredAt is before the lead's last change, such as its "
                    + "rejection or conversion (stale-change, naming occurredAt with both times); or, at or after that, the "
                    + "lead is closed or archived (contact attempts are for open leads).")
    public Response recordAttempt(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid LeadApi.NewContactAttempt request) {
        ContactAttempt.Outcome outcome = enumValue(ContactAttempt.Outcome.class, "outcome", request.outcome());
        LeadService.Attempt attempt = leads.recordAttempt(
                        id,
                        caller.scope(),
                        new LeadService.NewAttempt(
                                outcome,
                                request.comment(),
                                request.occurredAt(),
                                request.externalSystem(),
                                request.externalId()))
                .orElseThrow(() -> ProblemException.notFound("Lead " + id));
        return Response.status(attempt.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(toResponse(attempt.attempt()))
                .build();
    }

    @GET
    @Path("/{id}/contact-attempts")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "A lead's contact attempts",
            description = "In order. Roles: head, team-lead, manager (own leads), " + "integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The attempts.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            implementation = LeadApi.ContactAttemptView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    @APIResponse(responseCode = "404", description = "No such lead among those the caller may see.")
    public List<LeadApi.ContactAttemptView> attempts(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id) {
        leads.find(id, caller.scope()).orElseThrow(() -> ProblemException.notFound("Lead " + id));
        return leads.attemptsOf(id).stream().map(LeadResource::toResponse).toList();
    }

    @POST
    @Path("/{id}/assign")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD})
    @Operation(
            summary = "Give a lead to a manager by hand",
            description = "From the queue or from another manager (then "
                    + "a reason is required). Never to a dismissed or absent manager. Emits salespulse.lead.assigned with the "
                    + "owner before and after and the reason. A team lead gives their teams' leads to their teams' "
                    + "managers only (another lead: 404; another manager: 400 naming managerId). "
                    + "Roles: head, team-lead.")
    @APIResponse(
            responseCode = "200",
            description = "The lead as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No reason for a reassignment, a managerId naming no manager of "
                    + "the tenant, or one dismissed or absent.")
    @APIResponse(responseCode = "404", description = "No such lead.")
    @APIResponse(responseCode = "409", description = "The lead is closed or archived.")
    @Transactional
    public LeadApi.LeadView assign(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid LeadApi.Assign request) {
        return found(
                id, leads.reassign(id, caller.scope(), request.managerId(), request.managerRef(), request.reason()));
    }

    @POST
    @Path("/{id}/convert")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Convert a qualified lead",
            description = "Records the client, the manager and the chosen "
                    + "pipeline and emits salespulse.lead.converted, from which deal-service opens exactly one deal (at "
                    + "occurredAt when given: convertedAt is that time; with dealRef the deal takes that reference). "
                    + "Roles: head, team-lead, manager (own leads), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The lead, CONVERTED.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(responseCode = "404", description = "No such lead among those the caller may see.")
    @APIResponse(
            responseCode = "409",
            description = "The lead is not QUALIFIED (the allowed moves are listed), has no "
                    + "manager, is archived, or occurredAt is before its last change (stale-change).")
    @Transactional
    public LeadApi.LeadView convert(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id, @Valid LeadApi.Convert request) {
        LeadApi.Convert body =
                request == null ? new LeadApi.Convert(null, null, null, null, null, null, null, null) : request;
        return found(
                id,
                leads.convert(
                        id,
                        caller.scope(),
                        new LeadService.Conversion(
                                body.pipelineId(),
                                body.expectedAmount(),
                                body.currency(),
                                body.referredByClientId(),
                                body.comment(),
                                body.referredByClientRef(),
                                body.dealRef(),
                                body.occurredAt())));
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Archive a lead",
            description = "Takes it out of the working lists and the metrics, keeping "
                    + "its status. Emits salespulse.lead.archived. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The lead, archived.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(responseCode = "404", description = "No such lead.")
    @APIResponse(responseCode = "409", description = "Already archived.")
    @Transactional
    public LeadApi.LeadView archive(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id, @Valid LeadApi.Reason request) {
        return archiving(id, request, leads::archive);
    }

    @POST
    @Path("/{id}/restore")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Restore an archived lead",
            description = "Back in the working lists with the status it had. "
                    + "Emits salespulse.lead.restored. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The lead, restored.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.LeadView.class)))
    @APIResponse(responseCode = "404", description = "No such lead.")
    @APIResponse(responseCode = "409", description = "Not archived.")
    @Transactional
    public LeadApi.LeadView restore(
            @Parameter(description = "The lead's id.") @PathParam("id") UUID id, @Valid LeadApi.Reason request) {
        return archiving(id, request, leads::restore);
    }

    @POST
    @Path("/archive-stale")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Run the stale rule now",
            description = "Archives every open lead with no change for the "
                    + "tenant's stale days, as the nightly job does. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "How many leads were archived.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeadApi.JobResult.class)))
    public LeadApi.JobResult archiveStale() {
        return new LeadApi.JobResult(leads.archiveStale());
    }

    private LeadApi.LeadPage page(LeadService.LeadPage result) {
        Map<UUID, String> names = managerNames();
        return new LeadApi.LeadPage(
                result.items().stream()
                        .map(l -> LeadMapper.toResponse(l, names))
                        .toList(),
                result.page(),
                result.size(),
                result.total());
    }

    /** One lead as the API shows it: only its owner's name is read, not the whole roster's. */
    private LeadApi.LeadView toResponse(Lead lead) {
        Map<UUID, String> names = lead.managerId == null
                ? Map.of()
                : lead.ownerNameAtIntake != null
                        ? Map.of(lead.managerId, lead.ownerNameAtIntake)
                        : roster.nameOf(lead.managerId)
                                .map(name -> Map.of(lead.managerId, name))
                                .orElse(Map.of());
        return LeadMapper.toResponse(lead, names);
    }

    private Map<UUID, String> managerNames() {
        return roster.list().stream().collect(Collectors.toMap(m -> m.id, (Manager m) -> m.name));
    }

    /** The lead as the API shows it, or a 404 naming what the caller asked for. */
    private LeadApi.LeadView found(Object asked, Optional<Lead> lead) {
        return lead.map(this::toResponse).orElseThrow(() -> ProblemException.notFound("Lead " + asked));
    }

    /** Archiving and restoring take the same optional body and answer the same way. */
    private LeadApi.LeadView archiving(UUID id, LeadApi.Reason request, ArchiveStep step) {
        LeadApi.Reason given = request == null ? new LeadApi.Reason(null, null) : request;
        return found(id, step.apply(id, given.reason(), given.occurredAt()));
    }

    @FunctionalInterface
    private interface ArchiveStep {
        Optional<Lead> apply(UUID id, String reason, Instant occurredAt);
    }

    private static LeadApi.ContactAttemptView toResponse(ContactAttempt a) {
        return new LeadApi.ContactAttemptView(
                a.id,
                a.leadId,
                a.attemptNumber,
                a.outcome.name(),
                a.comment,
                a.managerId,
                a.attemptedAt,
                a.externalSystem,
                a.externalId);
    }

    private static String given(MultivaluedMap<String, String> query, String name, String value) {
        return value == null && query.containsKey(name) ? "" : value;
    }

    private static void requireValue(MultivaluedMap<String, String> query, String name, Object value) {
        if (value == null && query.containsKey(name)) {
            throw ProblemException.invalidField(name, "must not be blank; leave the parameter out not to filter by it");
        }
    }

    /** A text filter: absent filters nothing; given, it must say something (a blank one is a caller's slip). */
    private static String filterText(String name, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw ProblemException.invalidField(name, "must not be blank; leave the parameter out not to filter by it");
        }
        if (value.length() > maxLength) {
            throw ProblemException.invalidField(name, "must be at most " + maxLength + " characters");
        }
        return value.trim();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(
                    field, "is required: one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(
                    field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
