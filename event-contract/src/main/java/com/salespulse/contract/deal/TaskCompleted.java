package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An open task was done, with its outcome.
 */
public record TaskCompleted(
        @JsonProperty(required = true) @JsonPropertyDescription("The task's id.")
        UUID taskId,

        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.")
        UUID cardId,

        @JsonProperty(required = true) @JsonPropertyDescription("The task's assignee.")
        UUID assigneeId,

        @JsonProperty(required = true) @JsonPropertyDescription("What came of it, free text.")
        String outcome,

        @JsonProperty(required = true) @JsonPropertyDescription("The due time it had, to tell late completions.")
        Instant dueAt,

        @JsonProperty(required = true) @JsonPropertyDescription("When it was done (UTC).")
        Instant completedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The task's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The task's external reference's id, unique per tenant and system among tasks.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public TaskCompleted(
            UUID taskId,
            String cardType,
            UUID cardId,
            UUID assigneeId,
            String outcome,
            Instant dueAt,
            Instant completedAt) {
        this(taskId, cardType, cardId, assigneeId, outcome, dueAt, completedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return taskId;
    }
}
