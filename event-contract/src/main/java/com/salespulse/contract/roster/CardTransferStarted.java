package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A transfer of one manager's open cards to others began (on dismissal, or by hand). lead-service moves its
 * leads; deal-service follows this event to move the manager's open deals and open tasks with the same transfer
 * id, handing them out over {@link #toManagerIds()} in turn (round robin, oldest card first), and answers with
 * {@link com.salespulse.contract.deal.DealCardsTransferred}.
 */
public record CardTransferStarted(
        @JsonProperty(required = true) @JsonPropertyDescription("The transfer's id; every card moved by it carries it.")
        UUID transferId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager whose open cards are moved.")
        UUID fromManagerId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The managers who receive the cards, in the order they are handed out; never empty.")
        List<UUID> toManagerIds,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "How the receivers were chosen: NAMED (by the head of sales) or RULE (the tenant's distribution rule).")
        String mode,

        @JsonPropertyDescription("Why the cards move, e.g. 'dismissal'.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the transfer began (UTC).")
        Instant startedAt,

        @JsonPropertyDescription(
                "Which sending of the request this is: absent or 1 the first; 2 and up a retry by the head of sales "
                        + "after the deal part timed out (the same transferId: deal-service moves nothing again and "
                        + "answers with what it did).")
        Integer attempt)
        implements DomainEvent {

    /** The first sending of a transfer's request. */
    public CardTransferStarted(
            UUID transferId,
            UUID fromManagerId,
            List<UUID> toManagerIds,
            String mode,
            String reason,
            Instant startedAt) {
        this(transferId, fromManagerId, toManagerIds, mode, reason, startedAt, null);
    }

    /** Whether this is a retry of a request sent before. */
    @JsonIgnore
    public boolean retry() {
        return attempt != null && attempt > 1;
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return transferId;
    }
}
