package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A recorded absence was cancelled or cut short: the manager is available again from clearedAt.
 */
public record ManagerAbsenceCleared(
        @JsonProperty(required = true) @JsonPropertyDescription("The manager's id.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The absence's id from ManagerAbsenceSet.")
        UUID absenceId,

        @JsonProperty(required = true) @JsonPropertyDescription("VACATION, SICK_LEAVE or OTHER.")
        String kind,

        @JsonProperty(required = true) @JsonPropertyDescription("The absence's first instant as it was set (UTC).")
        Instant from,

        @JsonProperty(required = true) @JsonPropertyDescription("The absence's end as it was set (UTC).")
        Instant toBefore,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The absence's end now: clearedAt, or from when it had not begun (UTC).")
        Instant toAfter,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant clearedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return managerId;
    }
}
