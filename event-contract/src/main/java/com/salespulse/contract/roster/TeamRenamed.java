package com.salespulse.contract.roster;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * A sales team got a new name.
 */
public record TeamRenamed(
        @JsonProperty(required = true) @JsonPropertyDescription("The team's id.") UUID teamId,
        @JsonProperty(required = true) @JsonPropertyDescription("The name before.") String nameBefore,
        @JsonProperty(required = true) @JsonPropertyDescription("The name after.") String nameAfter,
        @JsonProperty(required = true) @JsonPropertyDescription("The team's version after the change.") long version,
        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).") Instant renamedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return teamId;
    }
}
