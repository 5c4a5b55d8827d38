package com.salespulse.contract.roster;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * A sales team was created.
 */
public record TeamCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The team's id.") UUID teamId,
        @JsonProperty(required = true) @JsonPropertyDescription("The team's name.") String name,
        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).") Instant createdAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return teamId;
    }
}
