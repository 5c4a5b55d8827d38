package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A snoozed card was woken by hand before its moment. */
public record CardUnsnoozed(
        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or the deal's id.")
        UUID cardId,

        @JsonProperty(required = true) @JsonPropertyDescription("Until when it had been snoozed (UTC).")
        Instant snoozedUntil,

        @JsonProperty(required = true) @JsonPropertyDescription("When the card was woken (UTC).")
        Instant unsnoozedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return cardId;
    }
}
