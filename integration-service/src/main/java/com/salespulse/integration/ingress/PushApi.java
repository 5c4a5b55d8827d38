package com.salespulse.integration.ingress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.salespulse.problem.Problem;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The push ingress's request and answer shapes (docs/push.md). */
public final class PushApi {

    private PushApi() {}

    /** What became of one event: the owner's answer, or the problem that refused it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PushResult", description = "What became of one pushed event.")
    public record Result(
            @Schema(description = "The event's id, as sent (absent when the element had none).")
            String id,

            @Schema(description = "The event's source, as sent.")
            String source,

            @Schema(description = "The event's type, as sent.", example = "salespulse.deal.won")
            String type,

            @Schema(
                    description = "201: the owner created the card; 200: it updated it or it already was in that "
                            + "state; 4xx/5xx: refused (see problem).",
                    example = "201")
            int status,

            @Schema(
                    description = "For 201: the created card's path on its owning service (lead-service or "
                            + "deal-service), as the owner answered it.",
                    example = "/api/v1/deals/0b5c2f1e-7c1d-4c59-9a57-2f1c8c7d1a10")
            String location,

            @Schema(
                    description = "true: this (source, id) was applied before; this is the answer stored then, and "
                            + "the owner was not called again.")
            Boolean repeated,

            @Schema(description = "Single event only: the card as its owner answered it.")
            Map<String, Object> entity,

            @Schema(
                    description = "Why the event was refused; fields are named as paths in the event "
                            + "(data.managerRef.externalId, time, id, type).")
            Problem problem) {

        static Result refused(String id, String source, String type, Problem problem) {
            return new Result(id, source, type, problem.status(), null, null, null, problem);
        }

        /** The same answer without the owner's body, as a batch answers it. */
        Result withoutEntity() {
            return new Result(id, source, type, status, location, repeated, null, problem);
        }
    }

    /** A CloudEvent in the JSON format (structured mode, and each element of a batch); for the OpenAPI document. */
    @Schema(
            name = "PushedCloudEvent",
            description = "A CloudEvent 1.0 in the JSON format. data is the card's state: "
                    + "the owner's PUT by-ref body plus externalSystem and externalId (docs/push.md).")
    public record Event(
            @Schema(description = "1.0.", required = true, example = "1.0") @Size(max = 3)
            String specversion,

            @Schema(
                    description = "Unique per source: with source, the event's identity (idempotency key).",
                    required = true,
                    example = "amocrm-lead-100-status-3")
            @Size(max = CloudEventReader.MAX_ID)
            String id,

            @Schema(
                    description = "A URI-reference naming the sending system.",
                    required = true,
                    example = "https://crm.example.com/amocrm")
            @Size(max = CloudEventReader.MAX_SOURCE)
            String source,

            @Schema(description = "One of the types of docs/push.md.", required = true, example = "salespulse.deal.won")
            @Size(max = 200)
            String type,

            @Schema(
                    description = "When it happened (RFC 3339); the business time occurredAt when data gives none.",
                    example = "2026-11-20T09:30:00+03:00")
            @Size(max = 40)
            String time,

            @Schema(description = "Optional; part of the event's content.") @Size(max = CloudEventReader.MAX_SUBJECT)
            String subject,

            @Schema(description = "application/json, or left out.", example = "application/json") @Size(max = 100)
            String datacontenttype,

            @Schema(
                    description = "The card's state: the owner's PUT by-ref body plus externalSystem and externalId.",
                    required = true,
                    example = "{\"externalSystem\":\"amocrm\",\"externalId\":\"d-100\","
                            + "\"stageRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"142\"},"
                            + "\"clientRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"c-7\"},"
                            + "\"amount\":36000,\"currency\":\"RUB\",\"source\":\"website\"}")
            Map<String, Object> data) {}
}
