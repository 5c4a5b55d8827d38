package com.salespulse.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.salespulse.lead.integration.ExternalRef;
import com.salespulse.lead.integration.NotBlankWhenGiven;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateLeadRequest", description = "A lead as it comes in: where from and how to reach the client.")
public record CreateLeadRequest(
        @Schema(
                description = "Channel the lead came from, e.g. website, call, referral.",
                example = "website",
                required = true)
        @NotBlank
        @Size(max = 64)
        String source,

        @Schema(description = "The channel within the source, e.g. form, whatsapp, inbound-call.", example = "form")
        @Size(max = 64)
        String channel,

        @Schema(description = "The advertising campaign, when known.", example = "black-friday-2026") @Size(max = 200)
        String campaign,

        @Schema(description = "UTM tags of the landing, when known.") @Valid
        Utm utm,

        @Schema(
                description = "The client's name; leave it out when it is not known (a blank one is refused).",
                example = "Anna Petrova")
        @Size(max = 200)
        @NotBlankWhenGiven
        String clientName,

        @Schema(
                description = "The client's phone, in any common notation; numbers without a country code are read in "
                        + "the tenant's phone region.",
                example = "+7 912 345-67-89")
        @Size(max = 32)
        @Pattern(regexp = "[+0-9 ()\\-]{5,32}", message = "must be a phone number such as +7 912 345-67-89")
        String phone,

        @Schema(description = "The client's e-mail.", example = "anna@example.com") @Size(max = 254) @Email
        String email,

        @Schema(description = "Free text from the client or the integrator.") @Size(max = 2000)
        String comment,

        @Schema(
                description = "The manager to give the lead to; absent to let the tenant's distribution rule choose "
                        + "(or to queue the lead when nobody qualifies). With occurredAt, the lead is theirs from that time "
                        + "(they must not have been dismissed by then; absences are not checked).")
        UUID managerId,

        @Schema(
                description = "The integrating system's name, with externalId; a repeated reference is refused with "
                        + "409 (PUT /api/v1/leads/by-ref/{externalSystem}/{externalId} upserts instead).",
                example = "amocrm")
        @Size(max = 40)
        @Pattern(regexp = ExternalRef.SYSTEM, message = ExternalRef.SYSTEM_MESSAGE)
        String externalSystem,

        @Schema(
                description = "The lead's id in the integrating system, unique per tenant and system.",
                example = "48213")
        @Size(max = 100)
        @NotBlankWhenGiven
        String externalId,

        @Schema(description = "The manager by their external reference, instead of managerId (not both).") @Valid
        ExternalRef managerRef,

        @Schema(
                description = "The client the lead is of, when the integrator knows it: a client of the tenant. "
                        + "Absent: the lead is linked by its phone or e-mail, or a new client is created.")
        UUID clientId,

        @Schema(description = "The client by its external reference, instead of clientId (not both).") @Valid
        ExternalRef clientRef,

        @Schema(
                description = "When the lead came in, ISO-8601 with offset; absent: now. Not later than now + 60 s. "
                        + "The lead's createdAt and lead.created's createdAt are this time. A lead taken in for a past time "
                        + "with a manager (managerId or managerRef) is assigned to them as given; without one it goes "
                        + "through distribution as a lead arriving now (shifts, load and turns of now; the queue when "
                        + "nobody qualifies). The nightly stale rule counts from when the lead was recorded, not from this "
                        + "time.",
                example = "2025-03-14T09:30:00+03:00")
        Instant occurredAt) {

    /** A lead nobody can reach is junk at the door. */
    @JsonIgnore
    @AssertTrue(message = "a phone or an e-mail is required")
    public boolean isContact() {
        return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
    }

    @Schema(name = "Utm", description = "UTM tags as they came with the lead.")
    public record Utm(
            @Schema(description = "utm_source") @Size(max = 200)
            String source,

            @Schema(description = "utm_medium") @Size(max = 200)
            String medium,

            @Schema(description = "utm_campaign") @Size(max = 200)
            String campaign,

            @Schema(description = "utm_term") @Size(max = 200)
            String term,

            @Schema(description = "utm_content") @Size(max = 200)
            String content) {}
}
