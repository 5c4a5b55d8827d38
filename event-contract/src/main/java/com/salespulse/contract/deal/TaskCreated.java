package com.salespulse.contract.deal;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * A task was set on a card (a lead or a deal). A card with no open task is 'forgotten'; an open task past its
 * due time is 'overdue'.
 */
public record TaskCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The new task's id.") UUID taskId,
        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.") String cardType,
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.") UUID cardId,
        @JsonProperty(required = true) @JsonPropertyDescription("CALL, MEETING, EMAIL or OTHER.") String type,
        @JsonProperty(required = true) @JsonPropertyDescription("What is to be done.") String title,
        @JsonProperty(required = true) @JsonPropertyDescription("The manager who must do it.") UUID assigneeId,
        @JsonProperty(required = true) @JsonPropertyDescription("When it is due (UTC).") Instant dueAt,
        @JsonProperty(required = true) @JsonPropertyDescription("When the task was set (UTC).") Instant createdAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return taskId;
    }
}
