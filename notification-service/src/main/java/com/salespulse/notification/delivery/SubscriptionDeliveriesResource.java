package com.salespulse.notification.delivery;

import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The delivery log of one subscription, under the subscription's path. The subscription resource shares the path
 * (RESTEasy Reactive merges resource classes with the same path): the log belongs to the delivery queue, which uses
 * subscriptions, so it lives here rather than making subscriptions depend on deliveries.
 */
@Path("/api/v1/subscriptions")
@Tag(name = "Delivery log")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionDeliveriesResource {

    private final DeliveryLog log;
    private final CurrentCaller caller;

    public SubscriptionDeliveriesResource(DeliveryLog log, CurrentCaller caller) {
        this.log = log;
        this.caller = caller;
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "Deliveries to one subscriber",
            description = "The newest deliveries of the subscription with "
                    + "each attempt: times, status codes, errors. Roles: head, manager (own only).")
    @APIResponse(
            responseCode = "200",
            description = "The deliveries, newest first.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeliveryApi.DeliveryView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "limit out of range, or the id is the nil UUID.")
    @APIResponse(responseCode = "404", description = "No such subscription among those the caller may see.")
    public List<DeliveryApi.DeliveryView> deliveries(
            @PathParam("id") UUID id,
            @Parameter(description = "How many, 1 to 200.") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
                    int limit) {
        return log
                .ofSubscription(id, caller.managerScope(), limit)
                .orElseThrow(() -> ProblemException.notFound("Subscription " + id))
                .stream()
                .map(DeliveryApi.DeliveryView::of)
                .toList();
    }
}
