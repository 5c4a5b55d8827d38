package com.salespulse.notification.subscription;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "Who gets which alerts, where and when")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final CurrentCaller caller;

    public SubscriptionResource(SubscriptionService subscriptions, CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "Subscribe to alerts",
            description = "A head of sales subscribes anyone in the tenant to any "
                    + "alerts; a manager's subscription covers only their own alerts. A webhook gets a new signing secret, "
                    + "returned once in newWebhookSecret; its URL must resolve to public addresses. The managers and teams "
                    + "named must be on the tenant's roster as this service knows it from lead-service's roster events: a "
                    + "manager hired or a team created a moment ago may be refused for a few seconds. A dismissed manager's "
                    + "own subscriptions end when the dismissal arrives. Roles: head, manager.")
    @APIResponse(
            responseCode = "403",
            description = "The caller's role is not one of: head, manager; or the caller "
                    + "is a manager who has been dismissed.")
    @APIResponse(
            responseCode = "201",
            description = "Subscribed; Location points to the subscription.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionApi.SubscriptionView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid (an address for the channel, a "
                    + "private webhook target, a time zone, a manager or team that is not on the tenant's roster); the "
                    + "problem names it.")
    public Response create(
            @NotNull(message = "a JSON body is required") @Valid SubscriptionApi.NewSubscription request) {
        Subscription created = subscriptions.create(caller.managerScope(), request);
        String secret =
                created.webhookSecrets == null ? null : created.secrets().get(0);
        return Response.created(URI.create("/api/v1/subscriptions/" + created.id))
                .entity(SubscriptionApi.SubscriptionView.of(created, secret))
                .build();
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "List subscriptions",
            description = "The tenant's subscriptions for a head of sales, their "
                    + "own for a manager; paged, oldest first unless sort says otherwise (the id breaks ties, so "
                    + "pages never overlap). Roles: head, manager.")
    @APIResponse(
            responseCode = "200",
            description = "One page of subscriptions.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionApi.SubscriptionPage.class)))
    public SubscriptionApi.SubscriptionPage list(
            @Parameter(
                            description =
                                    "The order: createdAt (the default) or channel; a leading - for " + "descending.",
                            schema =
                                    @Schema(
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {"createdAt", "-createdAt", "channel", "-channel"}))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        SortOrder order = SortOrder.parse(sort, uri.getQueryParameters(), "createdAt", SubscriptionApi.SORT);
        SubscriptionService.SubscriptionPage result =
                subscriptions.page(caller.managerScope(), order, paging.page(), paging.size());
        return new SubscriptionApi.SubscriptionPage(
                result.items().stream()
                        .map(s -> SubscriptionApi.SubscriptionView.of(s, null))
                        .toList(),
                paging.page(),
                paging.size(),
                result.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "Read one subscription",
            description = "Including whether it is failing. Roles: head, manager " + "(own only).")
    @APIResponse(
            responseCode = "200",
            description = "The subscription.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionApi.SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among those the caller may see.")
    public SubscriptionApi.SubscriptionView get(@PathParam("id") UUID id) {
        return subscriptions
                .find(id, caller.managerScope())
                .map(s -> SubscriptionApi.SubscriptionView.of(s, null))
                .orElseThrow(() -> ProblemException.notFound("Subscription " + id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "Unsubscribe",
            description = "Stops the subscription; its pending deliveries are cancelled, its "
                    + "delivery log is kept. Roles: head, manager (own only).")
    @APIResponse(responseCode = "204", description = "Unsubscribed.")
    @APIResponse(responseCode = "404", description = "No such subscription among those the caller may see.")
    public Response delete(@PathParam("id") UUID id) {
        if (!subscriptions.delete(id, caller.managerScope())) {
            throw ProblemException.notFound("Subscription " + id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret-rotation")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "Rotate a webhook's signing secret",
            description =
                    "A new secret is made and returned once; "
                            + "from now on every message carries two signatures (new and previous), so the receiver can switch without "
                            + "losing messages. End the rotation with DELETE .../previous-secret. Roles: head, manager (own only).")
    @APIResponse(
            responseCode = "200",
            description = "The subscription, with newWebhookSecret.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionApi.SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The subscription is not a webhook.")
    public SubscriptionApi.SubscriptionView rotateSecret(@PathParam("id") UUID id) {
        return subscriptions
                .rotateSecret(id, caller.managerScope())
                .map(rotated -> SubscriptionApi.SubscriptionView.of(rotated.subscription(), rotated.newSecret()))
                .orElseThrow(() -> ProblemException.notFound("Subscription " + id));
    }

    @DELETE
    @Path("/{id}/previous-secret")
    @RolesAllowed({Roles.HEAD, Roles.MANAGER})
    @Operation(
            summary = "End a secret rotation",
            description = "Only the newest secret signs from now on. Roles: head, " + "manager (own only).")
    @APIResponse(
            responseCode = "200",
            description = "The subscription.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionApi.SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The subscription is not a webhook.")
    public SubscriptionApi.SubscriptionView dropPreviousSecret(@PathParam("id") UUID id) {
        return subscriptions
                .dropPreviousSecret(id, caller.managerScope())
                .map(s -> SubscriptionApi.SubscriptionView.of(s, null))
                .orElseThrow(() -> ProblemException.notFound("Subscription " + id));
    }
}
