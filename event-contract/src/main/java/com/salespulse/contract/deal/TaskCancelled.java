package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An open task was cancelled.
 */
public record TaskCancelled(
        @JsonProperty(required = true) @JsonPropertyDescription("The task's id.")
        UUID taskId,

        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.")
        UUID cardId,

        @JsonProperty(required = true) @JsonPropertyDescription("The task's assignee.")
        UUID assigneeId,

        @JsonPropertyDescription("Why it was cancelled, if given.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When it was cancelled (UTC).")
        Instant cancelledAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The task's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The task's external reference's id, unique per tenant and system among tasks.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public TaskCancelled(
            UUID taskId, String cardType, UUID cardId, UUID assigneeId, String reason, Instant cancelledAt) {
        this(taskId, cardType, cardId, assigneeId, reason, cancelledAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return taskId;
    }
}
