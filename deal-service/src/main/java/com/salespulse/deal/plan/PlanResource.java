package com.salespulse.deal.plan;

import com.salespulse.problem.ProblemException;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plans")
@Tag(name = "Sales plans", description = "Monthly sales plans per manager and per team")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanService plans;
    private final CurrentCaller caller;

    public PlanResource(PlanService plans, CurrentCaller caller) {
        this.plans = plans;
        this.caller = caller;
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Set a plan by its external reference",
            description = "The state upsert: the first time "
                    + "sets the month's plan for the manager or team named (salespulse.plan.set), later changes it "
                    + "(salespulse.plan.changed); the same targets again emit nothing. A plan set earlier for that month and "
                    + "owner without a reference takes this one. Month and owner never change under a reference. "
                    + "?dryRun=true validates and writes nothing. Roles: head, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The plan was set for the first time; Location points to the month.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PlanApi.PlanView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The plan as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PlanApi.PlanView.class)))
    @APIResponse(
            responseCode = "409",
            description = "No base currency is set yet, the month's plan of that owner has "
                    + "another reference, or the change is older than the plan's last one (stale-change).")
    public Response putByRef(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid PlanApi.PlanState request) {
        ExternalRef ref = byRef.ref();
        // both or neither (a 400 naming the missing one), then the same as the path
        ExternalRef.ofPair(request.externalSystem(), request.externalId());
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        PlanService.PlanState state = plans.state(
                month(request.month()),
                request.managerId(),
                request.managerRef(),
                request.teamId(),
                request.teamRef(),
                request.amount(),
                request.dealCount(),
                request.reason(),
                request.occurredAt());
        PlanService.Upserted result = plans.upsert(ref, state, byRef.dryRun());
        PlanApi.PlanView body = PlanApi.PlanView.of(result.plan());
        return ByRefUpsert.answer(result.created(), "/api/v1/plans/" + result.plan().month, body);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(summary = "Read a plan by its external reference", description = "Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The plan.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PlanApi.PlanView.class)))
    @APIResponse(responseCode = "404", description = "No plan with that reference in the caller's tenant.")
    public PlanApi.PlanView getByRef(@BeanParam ByRef byRef) {
        return plans.findByRef(byRef.ref())
                .map(PlanApi.PlanView::of)
                .orElseThrow(() -> ProblemException.notFound("Plan " + byRef));
    }

    @GET
    @Path("/{month}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a month's plans",
            description = "Every manager's and team's plan for the month; a manager "
                    + "reads only their own, a team lead their own, their teams' managers' and their teams'. "
                    + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The plans.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = PlanApi.PlanView.class)))
    @APIResponse(responseCode = "400", description = "The month is not yyyy-MM.")
    public List<PlanApi.PlanView> get(
            @Parameter(description = "The month, yyyy-MM.", example = "2026-12") @PathParam("month") String month) {
        return plans.month(month(month), caller.scope()).stream()
                .map(PlanApi.PlanView::of)
                .toList();
    }

    @PUT
    @Path("/{month}/managers/{managerId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Set a manager's plan for a month",
            description = "The first time emits salespulse.plan.set, "
                    + "later changes salespulse.plan.changed with before and after. Needs the tenant's base currency. Roles: head, "
                    + "integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The plan as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PlanApi.PlanView.class)))
    @APIResponse(responseCode = "409", description = "No base currency is set yet.")
    public PlanApi.PlanView setForManager(
            @Parameter(description = "The month, yyyy-MM.", example = "2026-12") @PathParam("month") String month,
            @Parameter(
                            description =
                                    "The manager: one of the tenant's roster who is not dismissed (deal-service learns the "
                                            + "roster from lead-service's events, so a manager hired a moment ago may be refused for a few "
                                            + "seconds); otherwise 400 naming managerId.")
                    @PathParam("managerId")
                    UUID managerId,
            @NotNull(message = "a JSON body is required") @Valid PlanApi.PlanTargets request) {
        return set(month, SalesPlan.Scope.MANAGER, managerId, request);
    }

    @PUT
    @Path("/{month}/teams/{teamId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Set a team's plan for a month",
            description = "The first time emits salespulse.plan.set, "
                    + "later changes salespulse.plan.changed with before and after. Needs the tenant's base currency. Roles: head, "
                    + "integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The plan as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PlanApi.PlanView.class)))
    @APIResponse(responseCode = "409", description = "No base currency is set yet.")
    public PlanApi.PlanView setForTeam(
            @Parameter(description = "The month, yyyy-MM.", example = "2026-12") @PathParam("month") String month,
            @Parameter(
                            description =
                                    "The team, from the tenant's roster in lead-service (known here within seconds of "
                                            + "its creation); otherwise 400 naming teamId.")
                    @PathParam("teamId")
                    UUID teamId,
            @NotNull(message = "a JSON body is required") @Valid PlanApi.PlanTargets request) {
        return set(month, SalesPlan.Scope.TEAM, teamId, request);
    }

    private PlanApi.PlanView set(String month, SalesPlan.Scope scope, UUID owner, PlanApi.PlanTargets request) {
        return PlanApi.PlanView.of(plans.set(
                month(month),
                scope,
                owner,
                request.amount(),
                request.dealCount(),
                request.reason(),
                request.occurredAt()));
    }

    private static YearMonth month(String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("month", "must be a month like 2026-12");
        }
    }
}
