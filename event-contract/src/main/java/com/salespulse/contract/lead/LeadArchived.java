package com.salespulse.contract.lead;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * A lead was archived: by hand or by the stale rule (no change for the tenant's number of days). Archived leads are
 * out of the working lists and the metrics until restored.
 */
public record LeadArchived(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.") UUID leadId,
        @JsonProperty(required = true) @JsonPropertyDescription("MANUAL or STALE_RULE.") String trigger,
        @JsonPropertyDescription("Why, when given by hand; for the stale rule e.g. 'no change for 30 days'.") String reason,
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's status, which archiving keeps.") String status,
        @JsonPropertyDescription("The lead's owner at the time.") UUID managerId,
        @JsonPropertyDescription("The lead's last change before archiving (UTC).") Instant lastChangedAt,
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the change.") long version,
        @JsonProperty(required = true) @JsonPropertyDescription("When the lead was archived (UTC).") Instant archivedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
