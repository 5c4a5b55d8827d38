package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead was archived: by hand or by the stale rule (no change for the tenant's number of days). Archived leads are
 * out of the working lists and the metrics until restored.
 */
public record LeadArchived(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
        UUID leadId,

        @JsonProperty(required = true) @JsonPropertyDescription("MANUAL or STALE_RULE.")
        String trigger,

        @JsonPropertyDescription("Why, when given by hand; for the stale rule e.g. 'no change for 30 days'.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's status, which archiving keeps.")
        String status,

        @JsonPropertyDescription("The lead's owner at the time.")
        UUID managerId,

        @JsonPropertyDescription("The lead's last change before archiving (UTC).")
        Instant lastChangedAt,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the change.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When the lead was archived (UTC).")
        Instant archivedAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription("The lead's external reference: its system (e.g. amocrm), when the lead has one.")
        String externalSystem,

        @JsonPropertyDescription("The lead's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public LeadArchived(
            UUID leadId,
            String trigger,
            String reason,
            String status,
            UUID managerId,
            Instant lastChangedAt,
            long version,
            Instant archivedAt) {
        this(leadId, trigger, reason, status, managerId, lastChangedAt, version, archivedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
