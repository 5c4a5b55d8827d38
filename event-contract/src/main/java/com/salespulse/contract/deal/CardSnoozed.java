package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A card (lead or deal) was snoozed with a reason until a moment: not forgotten and not rotting while snoozed, counted
 * as snoozed; it wakes by itself when the moment passes (no event), or by hand ({@link CardUnsnoozed}). Snoozing a
 * snoozed card again replaces its moment and reason.
 */
public record CardSnoozed(
        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or the deal's id.")
        UUID cardId,

        @JsonProperty(required = true) @JsonPropertyDescription("Why, in a few words.")
        String reason,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Until when the card sleeps (UTC), later than snoozedAt.")
        Instant snoozedUntil,

        @JsonProperty(required = true) @JsonPropertyDescription("When the card was snoozed (UTC).")
        Instant snoozedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return cardId;
    }
}
