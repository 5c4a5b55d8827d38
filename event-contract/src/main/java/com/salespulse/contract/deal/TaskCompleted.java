package com.salespulse.contract.deal;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * An open task was done, with its outcome.
 */
public record TaskCompleted(
        @JsonProperty(required = true) @JsonPropertyDescription("The task's id.") UUID taskId,
        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.") String cardType,
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.") UUID cardId,
        @JsonProperty(required = true) @JsonPropertyDescription("The task's assignee.") UUID assigneeId,
        @JsonProperty(required = true) @JsonPropertyDescription("What came of it, free text.") String outcome,
        @JsonProperty(required = true) @JsonPropertyDescription("The due time it had, to tell late completions.") Instant dueAt,
        @JsonProperty(required = true) @JsonPropertyDescription("When it was done (UTC).") Instant completedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return taskId;
    }
}
