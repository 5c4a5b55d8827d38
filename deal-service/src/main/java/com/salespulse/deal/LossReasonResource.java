package com.salespulse.deal;

import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
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

@Path("/api/v1/loss-reasons")
@Tag(name = "Loss reasons", description = "The tenant's catalogue of reasons deals are lost with")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LossReasonResource {

    private final LossReasonService reasons;
    private final CurrentCaller caller;

    public LossReasonResource(LossReasonService reasons, CurrentCaller caller) {
        this.reasons = reasons;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List loss reasons",
            description = "A tenant starts with a default catalogue (price, competitor, "
                    + "no need, no budget, no response, client asked not to be contacted, too pushy, other), written with one "
                    + "salespulse.deal.loss-reason-added each on first use. Every reason carries its label in Russian and English "
                    + "(labels.ru, labels.en: a dashboard shows the one of its language); label is the label the reason was "
                    + "added with (English for the defaults). Deactivated reasons only with includeInactive=true. Roles: "
                    + "head, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The catalogue.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = DealApi.Reason.class)))
    public List<DealApi.Reason> list(
            @Parameter(description = "Also list the deactivated reasons (default false).")
                    @QueryParam("includeInactive")
                    Boolean includeInactive) {
        return reasons.catalogue().stream()
                .filter(r -> r.active || Boolean.TRUE.equals(includeInactive))
                .map(DealApi.Reason::of)
                .toList();
    }

    @POST
    @RolesAllowed(Roles.HEAD)
    @Operation(summary = "Add a loss reason", description = "Emits salespulse.deal.loss-reason-added. Roles: head.")
    @APIResponse(
            responseCode = "201",
            description = "The reason was added.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Reason.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid, or the code is taken; the problem names it.")
    public Response add(@NotNull(message = "a JSON body is required") @Valid DealApi.NewLossReason request) {
        LossReason reason = reasons.add(
                request.code(),
                request.label(),
                request.labels() == null ? null : request.labels().labels(),
                request.kind());
        return Response.created(URI.create("/api/v1/loss-reasons"))
                .entity(DealApi.Reason.of(reason))
                .build();
    }

    @PATCH
    @Path("/{code}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Rename, deactivate or reactivate a loss reason",
            description = "A default reason too. A reason is never deleted: deactivated, no deal can be lost with it, "
                    + "and the deals lost with it keep it and its labels. Emits salespulse.deal.loss-reason-changed when "
                    + "something changed. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The reason as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealApi.Reason.class)))
    @APIResponse(responseCode = "400", description = "A blank or too long label; the problem names it.")
    @APIResponse(responseCode = "404", description = "The catalogue has no such code.")
    public DealApi.Reason change(
            @Parameter(description = "The reason's code.", example = "PRICE") @PathParam("code") String code,
            @NotNull(message = "a JSON body is required") @Valid DealApi.LossReasonChange request) {
        return reasons.change(
                        code, request.labels() == null ? null : request.labels().labels(), request.active())
                .map(DealApi.Reason::of)
                .orElseThrow(() -> ProblemException.notFound("Loss reason " + code));
    }
}
