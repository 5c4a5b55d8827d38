package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An archived lead is back in the working lists and the metrics, with the status it had.
 */
public record LeadRestored(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
        UUID leadId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The lead's status, unchanged by archiving and restoring.")
        String status,

        @JsonPropertyDescription("Why, when given.") String reason,
        @JsonPropertyDescription("The lead's owner.") UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("When the lead had been archived (UTC).")
        Instant archivedAt,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the change.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When the lead was restored (UTC).")
        Instant restoredAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription("The lead's external reference: its system (e.g. amocrm), when the lead has one.")
        String externalSystem,

        @JsonPropertyDescription("The lead's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public LeadRestored(
            UUID leadId,
            String status,
            String reason,
            UUID managerId,
            Instant archivedAt,
            long version,
            Instant restoredAt) {
        this(leadId, status, reason, managerId, archivedAt, version, restoredAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
