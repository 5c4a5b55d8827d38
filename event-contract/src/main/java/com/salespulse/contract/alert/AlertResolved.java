package com.salespulse.contract.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A raised alert's condition is no longer true. */
public record AlertResolved(
        @JsonProperty(required = true) @JsonPropertyDescription("The id of the AlertRaised this resolves.")
        UUID alertId,

        @JsonProperty(required = true) @JsonPropertyDescription("Which condition.")
        AlertType alertType,

        @JsonProperty(required = true) @JsonPropertyDescription("The condition instance, as in AlertRaised.")
        String conditionKey,

        @JsonPropertyDescription("The manager concerned, when the condition is about one manager.")
        UUID managerId,

        @JsonPropertyDescription("The team concerned, when known.")
        UUID teamId,

        @JsonProperty(required = true) @JsonPropertyDescription("One line saying what is back to normal, in English.")
        String message,

        @JsonProperty(required = true) @JsonPropertyDescription("The figures at resolution, by name.")
        Map<String, BigDecimal> figures,

        @JsonProperty(required = true) @JsonPropertyDescription("When the condition was found resolved (UTC).")
        Instant resolvedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return alertId;
    }
}
