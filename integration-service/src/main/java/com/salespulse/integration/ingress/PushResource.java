package com.salespulse.integration.ingress;

import com.salespulse.integration.owner.OwnerTokens;
import com.salespulse.problem.BodySizeLimit;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Tag(
        name = "Push",
        description = "Live events from an integrator's CRM as CloudEvents over HTTP, applied through the "
                + "owning services (docs/push.md)")
public class PushResource {

    private final CloudEventReader reader;
    private final PushService push;
    private final OwnerTokens tokens;
    private final PushConfig config;
    private final JsonWebToken token;

    public PushResource(
            CloudEventReader reader, PushService push, OwnerTokens tokens, PushConfig config, JsonWebToken token) {
        this.reader = reader;
        this.push = push;
        this.tokens = tokens;
        this.config = config;
        this.token = token;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, CloudEventReader.STRUCTURED, CloudEventReader.BATCH})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Push CloudEvents",
            description = "CloudEvents 1.0 in the HTTP binding: binary mode "
                    + "(ce-specversion, ce-id, ce-source, ce-type, optional ce-time/ce-subject headers; data as an "
                    + "application/json body), structured mode (application/cloudevents+json) or batch mode "
                    + "(application/cloudevents-batch+json, a JSON array, at most 500 events). Each event's type names what "
                    + "happened (salespulse.lead.created, salespulse.deal.won, salespulse.task.completed, ... docs/push.md); "
                    + "its data is the card's state: the owner's PUT by-ref body plus externalSystem and externalId. The event "
                    + "becomes that owner's PUT /api/v1/<collection>/by-ref/{externalSystem}/{externalId} (a conversion its "
                    + "POST .../convert), called now; time is occurredAt when data gives none. Idempotent by (source, id): an "
                    + "event applied before answers its stored outcome without calling the owner; the same (source, id) with "
                    + "other content is 409. A batch is not atomic: each event is applied or refused on its own, in order, "
                    + "and answered in a 200 array in input order. Limits: 4 MiB a request, 500 events a batch. "
                    + "Roles: head, integrator.")
    @Parameters({
        @Parameter(
                name = "ce-specversion",
                in = ParameterIn.HEADER,
                description = "Binary mode: 1.0.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 3)),
        @Parameter(
                name = "ce-id",
                in = ParameterIn.HEADER,
                description = "Binary mode: the event's id, unique per " + "source.",
                schema = @Schema(type = SchemaType.STRING, maxLength = CloudEventReader.MAX_ID)),
        @Parameter(
                name = "ce-source",
                in = ParameterIn.HEADER,
                description = "Binary mode: the sending system, a " + "URI-reference.",
                schema = @Schema(type = SchemaType.STRING, maxLength = CloudEventReader.MAX_SOURCE)),
        @Parameter(
                name = "ce-type",
                in = ParameterIn.HEADER,
                description = "Binary mode: the event's type.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 200)),
        @Parameter(
                name = "ce-time",
                in = ParameterIn.HEADER,
                description = "Binary mode: when it happened " + "(RFC 3339).",
                schema = @Schema(type = SchemaType.STRING, maxLength = 40))
    })
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.OBJECT, description = "Binary mode: the event's data.")),
                @Content(
                        mediaType = CloudEventReader.STRUCTURED,
                        schema = @Schema(implementation = PushApi.Event.class)),
                @Content(
                        mediaType = CloudEventReader.BATCH,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = PushApi.Event.class, maxItems = 500))
            })
    @APIResponse(
            responseCode = "201",
            description = "One event: the owner created the card.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PushApi.Result.class)))
    @APIResponse(
            responseCode = "200",
            description = "One event: the owner updated the card, or it already was in "
                    + "that state, or the event was applied before (repeated: true). A batch: one result per event, in input "
                    + "order, each with its own status and problem.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            description = "One event: a PushResult; a batch: an array of them, in "
                                                    + "input order.",
                                            oneOf = {PushApi.Result.class, PushApi.Result[].class})))
    @APIResponse(
            responseCode = "400",
            description = "One event: a malformed envelope (the problem names the "
                    + "attribute: specversion, id, source, type, time, data, data.externalId) or the owner's refusal, with its "
                    + "fields named as paths in the event (data.managerRef.externalId). A batch that is no JSON array of "
                    + "events.")
    @APIResponse(
            responseCode = "409",
            description = "One event: its (source, id) was applied before with other "
                    + "content, or the owner's 409 (stale-change).")
    @APIResponse(responseCode = "413", description = "The body is over 4 MiB, or the batch holds over 500 events.")
    @APIResponse(
            responseCode = "415",
            description =
                    "Not application/json, application/cloudevents+json or " + "application/cloudevents-batch+json.")
    @APIResponse(
            responseCode = "503",
            description = "One event: its owner did not answer (or refused this "
                    + "service's token); nothing is recorded, send it again.")
    public Response push(@Context HttpHeaders headers, InputStream body) {
        byte[] bytes = read(body, headers);
        MediaType type = headers.getMediaType();
        String mode = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        String subject = token.getSubject() != null ? token.getSubject() : "integrator";
        String ownerToken = tokens.forPush(subject);
        if (mode.equals(CloudEventReader.BATCH)) {
            List<PushApi.Result> results = reader.batch(bytes, config.maxBatchEvents()).stream()
                    .map(received -> received.event() == null
                            ? PushApi.Result.refused(
                                    received.id(), received.source(), received.type(), received.problem())
                            : push.apply(received.event(), ownerToken).withoutEntity())
                    .toList();
            return Response.ok(results, MediaType.APPLICATION_JSON_TYPE).build();
        }
        PushEvent event = mode.equals(CloudEventReader.STRUCTURED)
                ? reader.structured(bytes)
                : reader.binary(firstValues(headers), bytes);
        PushApi.Result result = push.apply(event, ownerToken);
        if (result.problem() != null) {
            return Response.status(result.status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(result.problem())
                    .build();
        }
        return Response.status(result.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(result)
                .build();
    }

    /** The body, refused with 413 past the push limit (lower than the import files' limit of the service). */
    private byte[] read(InputStream body, HttpHeaders headers) {
        long max = config.maxBodyBytes();
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > max) {
            throw tooLarge(max);
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(max);
            }
            return bytes;
        } catch (BodySizeLimit.BodyTooLargeException e) {
            throw tooLarge(max);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The body could not be read", List.of());
        }
    }

    private static ProblemException tooLarge(long max) {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + max + " bytes; send fewer events a request",
                List.of());
    }

    private static Map<String, String> firstValues(HttpHeaders headers) {
        Map<String, String> first = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }
}
