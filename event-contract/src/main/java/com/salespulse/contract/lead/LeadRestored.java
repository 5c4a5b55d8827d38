package com.salespulse.contract.lead;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * An archived lead is back in the working lists and the metrics, with the status it had.
 */
public record LeadRestored(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.") UUID leadId,
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's status, unchanged by archiving and restoring.") String status,
        @JsonPropertyDescription("Why, when given.") String reason,
        @JsonPropertyDescription("The lead's owner.") UUID managerId,
        @JsonProperty(required = true) @JsonPropertyDescription("When the lead had been archived (UTC).") Instant archivedAt,
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the change.") long version,
        @JsonProperty(required = true) @JsonPropertyDescription("When the lead was restored (UTC).") Instant restoredAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
