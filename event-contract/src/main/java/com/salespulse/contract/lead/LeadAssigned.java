package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead got an owner or changed owner: by the distribution rule at intake or when the unassigned queue drains,
 * by hand (with a reason), or as part of a card transfer (with the transfer's id). Carries the owner before and after.
 */
public record LeadAssigned(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
        UUID leadId,

        @JsonPropertyDescription("The owner before; absent when the lead was unassigned.")
        UUID fromManagerId,

        @JsonPropertyDescription("The previous owner's team at the time, when known.")
        UUID fromTeamId,

        @JsonProperty(required = true) @JsonPropertyDescription("The owner after.")
        UUID toManagerId,

        @JsonPropertyDescription("The new owner's team at the time.")
        UUID toTeamId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("How the owner was chosen: MANUAL, ROUND_ROBIN, LEAST_LOADED or TRANSFER.")
        String mode,

        @JsonProperty(required = true)
        @JsonPropertyDescription("What caused the assignment: INTAKE, QUEUE_DRAIN, REASSIGNMENT or TRANSFER.")
        String trigger,

        @JsonPropertyDescription(
                "Why, when given: the head of sales' reason for a manual reassignment, or the transfer's reason.")
        String reason,

        @JsonPropertyDescription("The card transfer this assignment is part of, when trigger is TRANSFER.")
        UUID transferId,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the change.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When the lead changed owner (UTC).")
        Instant assignedAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription("The lead's external reference: its system (e.g. amocrm), when the lead has one.")
        String externalSystem,

        @JsonPropertyDescription("The lead's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public LeadAssigned(
            UUID leadId,
            UUID fromManagerId,
            UUID fromTeamId,
            UUID toManagerId,
            UUID toTeamId,
            String mode,
            String trigger,
            String reason,
            UUID transferId,
            long version,
            Instant assignedAt) {
        this(
                leadId,
                fromManagerId,
                fromTeamId,
                toManagerId,
                toTeamId,
                mode,
                trigger,
                reason,
                transferId,
                version,
                assignedAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
