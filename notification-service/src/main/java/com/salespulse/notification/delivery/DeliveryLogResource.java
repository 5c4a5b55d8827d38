package com.salespulse.notification.delivery;

import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
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
    @Path("/{alertId}/deliveries")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "Deliveries of one alert",
            description = "Every subscriber's delivery of the alert (raised and "
                    + "resolved) with each attempt: times, status codes, errors. A manager sees the deliveries of their own "
                    + "subscriptions. An unknown alert answers an empty list. Roles: head, manager.")
    @APIResponse(
            responseCode = "200",
            description = "The deliveries, oldest first.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeliveryApi.DeliveryView.class, type = SchemaType.ARRAY)))
    public List<DeliveryApi.DeliveryView> ofAlert(@PathParam("alertId") UUID alertId) {
        return log.ofAlert(alertId, caller.managerScope()).stream()
                .map(DeliveryApi.DeliveryView::of)
                .toList();
    }
}
