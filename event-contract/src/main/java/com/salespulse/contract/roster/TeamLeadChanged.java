package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A team got a lead (a manager of the tenant who sees and works the team's cards with the role {@code team-lead}),
 * another lead, or lost its lead. Issue 20.
 */
public record TeamLeadChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The team's id.")
        UUID teamId,

        @JsonPropertyDescription("The manager who led the team before; absent when it had no lead.")
        UUID leadBefore,

        @JsonPropertyDescription("The manager who leads the team now; absent when the lead was cleared.")
        UUID leadAfter,

        @JsonProperty(required = true) @JsonPropertyDescription("The team's version after the change.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant changedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return teamId;
    }
}
