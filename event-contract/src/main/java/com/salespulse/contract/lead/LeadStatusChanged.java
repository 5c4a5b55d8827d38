package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead moved in its lifecycle: NEW -> IN_WORK -> QUALIFIED, or to REJECTED with a reason code from the tenant's
 * catalogue. Conversion has its own event (LeadConverted).
 */
public record LeadStatusChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
        UUID leadId,

        @JsonProperty(required = true) @JsonPropertyDescription("The status before: NEW, IN_WORK or QUALIFIED.")
        String statusBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("The status after: IN_WORK, QUALIFIED or REJECTED.")
        String statusAfter,

        @JsonPropertyDescription(
                "The rejection reason's code from the tenant's catalogue (e.g. junk, no_budget); present when statusAfter is REJECTED.")
        String reasonCode,

        @JsonPropertyDescription("A free-text comment given with the change.")
        String comment,

        @JsonPropertyDescription("The lead's owner at the time of the change, absent while unassigned.")
        UUID managerId,

        @JsonPropertyDescription("The owner's team at the time.")
        UUID teamId,

        @JsonPropertyDescription("The lead's source, so a rejection can be counted by source without a join.")
        String source,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the change.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When the status changed (UTC).")
        Instant changedAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription("The lead's external reference: its system (e.g. amocrm), when the lead has one.")
        String externalSystem,

        @JsonPropertyDescription("The lead's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public LeadStatusChanged(
            UUID leadId,
            String statusBefore,
            String statusAfter,
            String reasonCode,
            String comment,
            UUID managerId,
            UUID teamId,
            String source,
            long version,
            Instant changedAt) {
        this(
                leadId,
                statusBefore,
                statusAfter,
                reasonCode,
                comment,
                managerId,
                teamId,
                source,
                version,
                changedAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
