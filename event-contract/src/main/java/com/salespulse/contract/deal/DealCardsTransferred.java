package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * deal-service's part of a card transfer is done: what it moved (open deals and open tasks) and what it could not
 * move, and why. lead-service shows it in the transfer's progress; analytics follows the cohort.
 */
public record DealCardsTransferred(
        @JsonProperty(required = true) @JsonPropertyDescription("The transfer's id, from CardTransferStarted.")
        UUID transferId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager whose cards were moved.")
        UUID fromManagerId,

        @JsonProperty(required = true) @JsonPropertyDescription("Every card that moved, with its new owner.")
        List<MovedCard> moved,

        @JsonProperty(required = true) @JsonPropertyDescription("Every card that could not be moved, with the reason.")
        List<FailedCard> failed,

        @JsonProperty(required = true) @JsonPropertyDescription("When deal-service finished its part (UTC).")
        Instant completedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return transferId;
    }

    /** A card that moved. */
    public record MovedCard(
            @JsonProperty(required = true) @JsonPropertyDescription("DEAL or TASK.")
            String cardType,

            @JsonProperty(required = true) @JsonPropertyDescription("The deal's or task's id.")
            UUID cardId,

            @JsonProperty(required = true) @JsonPropertyDescription("The new owner (deal manager or task assignee).")
            UUID toManagerId) {}

    /** A card that did not move. */
    public record FailedCard(
            @JsonProperty(required = true) @JsonPropertyDescription("DEAL or TASK.")
            String cardType,

            @JsonProperty(required = true) @JsonPropertyDescription("The deal's or task's id.")
            UUID cardId,

            @JsonProperty(required = true) @JsonPropertyDescription("Why it did not move.")
            String reason) {}
}
