package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A sales team was created.
 */
public record TeamCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The team's id.")
        UUID teamId,

        @JsonProperty(required = true) @JsonPropertyDescription("The team's name.")
        String name,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant createdAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription("The team's external reference: its system (e.g. amocrm), when the team has one.")
        String externalSystem,

        @JsonPropertyDescription("The team's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public TeamCreated(UUID teamId, String name, Instant createdAt) {
        this(teamId, name, createdAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return teamId;
    }
}
