package com.salespulse.notification.delivery.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.notification.delivery.DeliveryLog;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;

@Path("/api/v1")
@Tag(name = "Delivery log", description = "What reached whom: every delivery and every attempt")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryLogResource {

    private final DeliveryLog log;
    private final CurrentCaller caller;

    public DeliveryLogResource(DeliveryLog log, CurrentCaller caller) {
        this.log = log;
        this.caller = caller;
    }

    @GET
    @Path("/alerts/{alertId}/deliveries")
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER })
    @Operation(summary = "Deliveries of one alert", description = "Every subscriber's delivery of the alert (raised and "
            + "resolved) with each attempt: times, status codes, errors. A manager sees the deliveries of their own "
            + "subscriptions. An unknown alert answers an empty list. Roles: head, manager.")
    @APIResponse(responseCode = "200", description = "The deliveries, oldest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryResponse.class, type = SchemaType.ARRAY)))
    public List<DeliveryResponse> ofAlert(@PathParam("alertId") UUID alertId) {
        return log.ofAlert(alertId, caller.managerScope()).stream().map(DeliveryResponse::of).toList();
    }

    @GET
    @Path("/subscriptions/{id}/deliveries")
    @RolesAllowed({ Roles.HEAD, Roles.MANAGER })
    @Operation(summary = "Deliveries to one subscriber", description = "The newest deliveries of the subscription with "
            + "each attempt. Roles: head, manager (own only).")
    @APIResponse(responseCode = "200", description = "The deliveries, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryResponse.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "limit out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among those the caller may see.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<DeliveryResponse> ofSubscription(@PathParam("id") UUID id,
            @Parameter(description = "How many, 1 to 200.") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return log.ofSubscription(id, caller.managerScope(), limit)
                .orElseThrow(() -> ProblemException.notFound("Subscription " + id))
                .stream().map(DeliveryResponse::of).toList();
    }
}
