package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * lead-service's part of a card transfer is done: the open leads it moved and the ones it could not move, with the
 * reason. deal-service's part arrives as DealCardsTransferred; CardTransferCompleted sums up both.
 */
public record LeadCardsTransferred(
        @JsonProperty(required = true) @JsonPropertyDescription("The transfer's id, from CardTransferStarted.")
        UUID transferId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager whose leads were moved.")
        UUID fromManagerId,

        @JsonProperty(required = true) @JsonPropertyDescription("Every lead that moved, with its new owner.")
        List<MovedLead> moved,

        @JsonProperty(required = true) @JsonPropertyDescription("Every lead that could not be moved, with the reason.")
        List<FailedLead> failed,

        @JsonProperty(required = true) @JsonPropertyDescription("When lead-service finished its part (UTC).")
        Instant completedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return transferId;
    }

    /** A lead that moved. */
    public record MovedLead(
            @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
            UUID leadId,

            @JsonProperty(required = true) @JsonPropertyDescription("Its new owner.")
            UUID toManagerId) {}

    /** A lead that did not move. */
    public record FailedLead(
            @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
            UUID leadId,

            @JsonProperty(required = true) @JsonPropertyDescription("Why it did not move.")
            String reason) {}
}
