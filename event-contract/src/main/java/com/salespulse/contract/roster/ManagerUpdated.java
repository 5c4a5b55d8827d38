package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A manager's name, team, capacity or shift schedule changed. Carries the whole profile before and after.
 */
public record ManagerUpdated(
        @JsonProperty(required = true) @JsonPropertyDescription("The manager's id.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The profile before the change.")
        ManagerHired.ManagerProfile before,

        @JsonProperty(required = true) @JsonPropertyDescription("The profile after the change.")
        ManagerHired.ManagerProfile after,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager's version after the change.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant updatedAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription(
                "The manager's external reference: its system (e.g. amocrm), when the manager has one.")
        String externalSystem,

        @JsonPropertyDescription("The manager's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public ManagerUpdated(
            UUID managerId,
            ManagerHired.ManagerProfile before,
            ManagerHired.ManagerProfile after,
            long version,
            Instant updatedAt) {
        this(managerId, before, after, version, updatedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return managerId;
    }
}
