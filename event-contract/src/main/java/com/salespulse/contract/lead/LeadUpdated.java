package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead's contact details were changed. Carries the details before and after the change and the lead's version
 * after it.
 */
public record LeadUpdated(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
        UUID leadId,

        @JsonProperty(required = true) @JsonPropertyDescription("The details before the change.")
        LeadDetails before,

        @JsonProperty(required = true) @JsonPropertyDescription("The details after the change.")
        LeadDetails after,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the change.")
        long version,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription(
                "When the details changed (UTC): the business time the integrator sent, else when it was recorded. Absent in events before issue 14: read the CloudEvent time.")
        Instant updatedAt,

        @JsonPropertyDescription("The lead's external reference: its system (e.g. amocrm), when the lead has one.")
        String externalSystem,

        @JsonPropertyDescription("The lead's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public LeadUpdated(UUID leadId, LeadDetails before, LeadDetails after, long version) {
        this(leadId, before, after, version, null, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }

    /** The editable contact details of a lead. */
    public record LeadDetails(
            @JsonPropertyDescription("The client's name.") String clientName,

            @JsonPropertyDescription("The client's phone as entered.")
            String phone,

            @JsonPropertyDescription("The client's e-mail as entered.")
            String email,

            @JsonPropertyDescription("Free text about the lead.")
            String comment) {}
}
