package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Both parts of a card transfer are done (lead-service's leads and deal-service's deals and tasks): the overall
 * outcome, as counts. The per-card detail is in LeadCardsTransferred and DealCardsTransferred.
 */
public record CardTransferCompleted(
        @JsonProperty(required = true) @JsonPropertyDescription("The transfer's id.")
        UUID transferId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager whose cards were moved.")
        UUID fromManagerId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("COMPLETED (everything moved) or COMPLETED_WITH_FAILURES.")
        String outcome,

        @JsonProperty(required = true) @JsonPropertyDescription("Leads moved.")
        int leadsMoved,

        @JsonProperty(required = true) @JsonPropertyDescription("Leads that could not be moved.")
        int leadsFailed,

        @JsonProperty(required = true) @JsonPropertyDescription("Deals moved.")
        int dealsMoved,

        @JsonProperty(required = true) @JsonPropertyDescription("Deals that could not be moved.")
        int dealsFailed,

        @JsonProperty(required = true) @JsonPropertyDescription("Open tasks moved.")
        int tasksMoved,

        @JsonProperty(required = true) @JsonPropertyDescription("Open tasks that could not be moved.")
        int tasksFailed,

        @JsonProperty(required = true) @JsonPropertyDescription("When the transfer began (UTC).")
        Instant startedAt,

        @JsonProperty(required = true) @JsonPropertyDescription("When the last part finished (UTC).")
        Instant completedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return transferId;
    }
}
