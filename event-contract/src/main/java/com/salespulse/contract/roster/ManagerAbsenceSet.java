package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A manager will be (or is) absent from one instant to another: vacation, sick leave or other. Automatic
 * distribution gives them nothing in that window.
 */
public record ManagerAbsenceSet(
        @JsonProperty(required = true) @JsonPropertyDescription("The manager's id.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The absence's id; ManagerAbsenceCleared names it.")
        UUID absenceId,

        @JsonProperty(required = true) @JsonPropertyDescription("VACATION, SICK_LEAVE or OTHER.")
        String kind,

        @JsonProperty(required = true) @JsonPropertyDescription("First instant of the absence (UTC).")
        Instant from,

        @JsonProperty(required = true) @JsonPropertyDescription("End of the absence, exclusive (UTC).")
        Instant to,

        @JsonPropertyDescription("A note, when given.") String comment,

        @JsonProperty(required = true) @JsonPropertyDescription("When the absence was recorded (UTC).")
        Instant setAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return managerId;
    }
}
