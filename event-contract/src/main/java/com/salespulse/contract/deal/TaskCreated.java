package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A task was set on a card (a lead or a deal). A card with no open task is 'forgotten'; an open task past its
 * due time is 'overdue'.
 */
public record TaskCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The new task's id.")
        UUID taskId,

        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.")
        UUID cardId,

        @JsonProperty(required = true) @JsonPropertyDescription("CALL, MEETING, EMAIL or OTHER.")
        String type,

        @JsonProperty(required = true) @JsonPropertyDescription("What is to be done.")
        String title,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager who must do it.")
        UUID assigneeId,

        @JsonProperty(required = true) @JsonPropertyDescription("When it is due (UTC).")
        Instant dueAt,

        @JsonProperty(required = true) @JsonPropertyDescription("When the task was set (UTC).")
        Instant createdAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The external reference's system (e.g. amocrm), when the task was sent by reference.")
        String externalSystem,

        @JsonPropertyDescription("The external reference's id, unique per tenant and system among tasks.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public TaskCreated(
            UUID taskId,
            String cardType,
            UUID cardId,
            String type,
            String title,
            UUID assigneeId,
            Instant dueAt,
            Instant createdAt) {
        this(taskId, cardType, cardId, type, title, assigneeId, dueAt, createdAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return taskId;
    }
}
