package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A manager joined the roster, active from now on.
 */
public record ManagerHired(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The manager's id; a manager's token carries it as manager_id.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("Name, team, capacity and shift schedule.")
        ManagerProfile profile,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant hiredAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription(
                "The manager's external reference: its system (e.g. amocrm), when the manager has one.")
        String externalSystem,

        @JsonPropertyDescription("The manager's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public ManagerHired(UUID managerId, ManagerProfile profile, Instant hiredAt) {
        this(managerId, profile, hiredAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return managerId;
    }

    /** What the head of sales sets about a manager; ManagerUpdated carries it before and after. */
    public record ManagerProfile(
            @JsonProperty(required = true) @JsonPropertyDescription("The manager's name.")
            String name,

            @JsonPropertyDescription("The manager's team; absent when in no team.")
            UUID teamId,

            @JsonProperty(required = true) @JsonPropertyDescription("The most open cards the manager should hold.")
            int capacity,

            @JsonProperty(required = true)
            @JsonPropertyDescription("The tenant's time zone the shifts are read in, e.g. Europe/Moscow.")
            String timeZone,

            @JsonProperty(required = true)
            @JsonPropertyDescription("Working windows by weekday; a weekday without one is a day off.")
            java.util.List<Shift> shifts) {}

    /**
     * One working window starting on one weekday, in the tenant's time zone; an end before the start is a night shift
     * ending the next day (one shift).
     */
    public record Shift(
            @JsonProperty(required = true) @JsonPropertyDescription("The weekday: MONDAY ... SUNDAY.")
            java.time.DayOfWeek day,

            @JsonProperty(required = true) @JsonPropertyDescription("Local start time, e.g. 09:00.")
            java.time.LocalTime start,

            @JsonProperty(required = true)
            @JsonPropertyDescription(
                    "Local end time, e.g. 18:00; before the start for a night shift ending the next day, e.g. 06:00.")
            java.time.LocalTime end) {}
}
