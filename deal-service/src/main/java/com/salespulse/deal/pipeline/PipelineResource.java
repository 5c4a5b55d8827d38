package com.salespulse.deal.pipeline;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/pipelines")
@Tag(name = "Pipelines", description = "Sales pipelines and their stages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PipelineResource {

    private final PipelineService pipelines;
    private final CurrentCaller caller;

    public PipelineResource(PipelineService pipelines, CurrentCaller caller) {
        this.pipelines = pipelines;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List pipelines",
            description = "The tenant's pipelines, paged, oldest first unless sort says otherwise (the id breaks "
                    + "ties, so pages never overlap). A tenant without one gets "
                    + "its default pipeline (New 10%, Qualified 25%, Proposal 50%, Negotiation 75%, Won, Lost) created on this "
                    + "first use, with salespulse.pipeline.created. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of pipelines.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PipelineApi.PipelinePage.class)))
    public PipelineApi.PipelinePage list(
            @Parameter(
                            description = "The order: createdAt (the default) or name; a leading - for descending, "
                                    + "e.g. -createdAt.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {"createdAt", "-createdAt", "name", "-name"}))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        SortOrder order = SortOrder.parse(sort, uri.getQueryParameters(), "createdAt", PipelineApi.SORT);
        PipelineService.PipelinePage result = pipelines.page(order, paging.page(), paging.size());
        return new PipelineApi.PipelinePage(
                result.items().stream().map(PipelineApi.PipelineView::of).toList(),
                paging.page(),
                paging.size(),
                result.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Read one pipeline", description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The pipeline.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PipelineApi.PipelineView.class)))
    @APIResponse(responseCode = "404", description = "No such pipeline in the caller's tenant.")
    public PipelineApi.PipelineView get(@PathParam("id") UUID id) {
        return pipelines
                .find(id)
                .map(PipelineApi.PipelineView::of)
                .orElseThrow(() -> ProblemException.notFound("Pipeline " + id));
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Create a pipeline",
            description = "Emits salespulse.pipeline.created. Roles: head, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The pipeline was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PipelineApi.PipelineView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid (e.g. no WON stage); the problem names it.")
    public Response create(@NotNull(message = "a JSON body is required") @Valid PipelineApi.PipelineState request) {
        Pipeline pipeline = pipelines.create(
                request.name(),
                specs(request),
                ExternalRef.ofPair(request.externalSystem(), request.externalId()),
                request.occurredAt());
        return Response.created(URI.create("/api/v1/pipelines/" + pipeline.id))
                .entity(PipelineApi.PipelineView.of(pipeline))
                .build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Change a pipeline",
            description = "Replaces the name and the stages. Keep a stage by sending its "
                    + "id; a stage left out is removed, which is refused while deals are in it. Changing a probability does not "
                    + "rewrite history: past events keep the probability in force when they were written. Emits "
                    + "salespulse.pipeline.changed with before and after. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The pipeline as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PipelineApi.PipelineView.class)))
    @APIResponse(responseCode = "404", description = "No such pipeline in the caller's tenant.")
    @APIResponse(
            responseCode = "409",
            description = "The pipeline changed since the version sent, or a removed stage still holds deals.")
    public PipelineApi.PipelineView change(
            @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid PipelineApi.PipelineState request) {
        if (request.version() == null) {
            throw ProblemException.invalidField("version", "is required when changing a pipeline");
        }
        return pipelines
                .change(
                        id,
                        request.version(),
                        request.name(),
                        specs(request),
                        ExternalRef.ofPair(request.externalSystem(), request.externalId()),
                        request.occurredAt())
                .map(PipelineApi.PipelineView::of)
                .orElseThrow(() -> ProblemException.notFound("Pipeline " + id));
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Create or change a pipeline by its external reference",
            description = "Creates it "
                    + "(salespulse.pipeline.created at occurredAt) when the reference is new; else replaces its name and "
                    + "stages as PUT /pipelines/{id} does, without a version, keeping a stage named by its id or by its own "
                    + "reference (salespulse.pipeline.changed when something changed, nothing when nothing did). "
                    + "?dryRun=true validates and writes nothing. Roles: head, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The pipeline was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PipelineApi.PipelineView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The pipeline as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PipelineApi.PipelineView.class)))
    @APIResponse(
            responseCode = "409",
            description = "A removed stage still holds deals, or a stage's reference is " + "another pipeline's.")
    public Response put(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid PipelineApi.PipelineState request) {
        ExternalRef ref = byRef.ref();
        // both or neither (a 400 naming the missing one), then the same as the path
        ExternalRef.ofPair(request.externalSystem(), request.externalId());
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        PipelineService.Upserted result =
                pipelines.upsert(ref, request.name(), specs(request), request.occurredAt(), byRef.dryRun());
        PipelineApi.PipelineView body = PipelineApi.PipelineView.of(result.pipeline());
        return ByRefUpsert.answer(result.created(), "/api/v1/pipelines/" + result.pipeline().id, body);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a pipeline by its external reference",
            description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The pipeline.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PipelineApi.PipelineView.class)))
    @APIResponse(responseCode = "404", description = "No pipeline with that reference in the caller's tenant.")
    public PipelineApi.PipelineView getByRef(@BeanParam ByRef byRef) {
        return pipelines
                .findByRef(byRef.ref())
                .map(PipelineApi.PipelineView::of)
                .orElseThrow(() -> ProblemException.notFound("Pipeline " + byRef));
    }

    private static List<PipelineService.StageSpec> specs(PipelineApi.PipelineState request) {
        return request.stages().stream()
                .map(s -> new PipelineService.StageSpec(
                        s.id(),
                        s.name(),
                        s.probability(),
                        s.kind(),
                        ExternalRef.ofPair(
                                s.externalSystem(),
                                s.externalId(),
                                "stages[" + request.stages().indexOf(s) + "]."),
                        s.rotAfterDays()))
                .toList();
    }
}
