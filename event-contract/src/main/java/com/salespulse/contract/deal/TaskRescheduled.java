package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An open task's due time was moved. The running count of reschedules is carried: a task pushed again and
 * again is a signal.
 */
public record TaskRescheduled(
        @JsonProperty(required = true) @JsonPropertyDescription("The task's id.")
        UUID taskId,

        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.")
        UUID cardId,

        @JsonProperty(required = true) @JsonPropertyDescription("The task's assignee.")
        UUID assigneeId,

        @JsonProperty(required = true) @JsonPropertyDescription("The due time before.")
        Instant dueBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("The due time after.")
        Instant dueAfter,

        @JsonProperty(required = true)
        @JsonPropertyDescription("How many times the task has been rescheduled, this time included.")
        int rescheduleCount,

        @JsonPropertyDescription("Why it was moved, if given.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When it was moved (UTC).")
        Instant rescheduledAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The task's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The task's external reference's id, unique per tenant and system among tasks.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public TaskRescheduled(
            UUID taskId,
            String cardType,
            UUID cardId,
            UUID assigneeId,
            Instant dueBefore,
            Instant dueAfter,
            int rescheduleCount,
            String reason,
            Instant rescheduledAt) {
        this(
                taskId,
                cardType,
                cardId,
                assigneeId,
                dueBefore,
                dueAfter,
                rescheduleCount,
                reason,
                rescheduledAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return taskId;
    }
}
