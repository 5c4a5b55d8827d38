package com.salespulse.integration.amocrm;

import com.salespulse.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * amoCRM's webhook. amoCRM sends no credentials and cannot be told to add a header, so the URL is the credential:
 * the connection id and a 256-bit secret as path segments (docs/amocrm.md says why not a query parameter).
 */
@Path("/api/v1/amocrm/webhooks")
@Tag(name = "amoCRM")
public class AmoWebhookResource {

    private final AmoCrmService amocrm;

    public AmoWebhookResource(AmoCrmService amocrm) {
        this.amocrm = amocrm;
    }

    @POST
    @Path("/{connectionId}/{secret}")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "amoCRM's webhook",
            description = "Called by amoCRM, not by people: no bearer token, the "
                    + "URL's secret authenticates. The form body (leads[add|update|status|responsible|delete][i][...], "
                    + "contacts[add|update][i][...], task[add|update][i][...], account[...]) is stored first, then answered "
                    + "200; each change is applied after, in amoCRM's order, as the owners' upserts by reference. A change "
                    + "delivered again is stored once. Up to 500 changes a delivery.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                            schema =
                                    @Schema(
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                            maxLength = 1048576,
                                            example =
                                                    "leads[status][0][id]=18400211&leads[status][0][status_id]=142&leads[status][0][pipeline_id]="
                                                            + "678&leads[status][0][old_status_id]=12345&leads[status][0][price]=36000&leads[status][0]"
                                                            + "[responsible_user_id]=999&leads[status][0][updated_at]=1764840000&account[subdomain]=acme")))
    @APIResponse(
            responseCode = "200",
            description = "Stored; applied shortly after.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AmoCrmApi.DeliveryAnswer.class)))
    @APIResponse(
            responseCode = "400",
            description = "The body is not amoCRM's form (a broken %-escape, more than " + "500 changes).")
    @APIResponse(
            responseCode = "404",
            description = "No connection with this id and secret (the two are not told " + "apart).")
    public AmoCrmApi.DeliveryAnswer receive(
            @Parameter(description = "The connection's id.") @PathParam("connectionId") String connectionId,
            @Parameter(description = "The connection's secret.") @PathParam("secret") String secret,
            String body) {
        UUID id;
        try {
            id = UUID.fromString(connectionId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Webhook");
        }
        return amocrm.receive(id, secret, body);
    }
}
