package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An open task got a new assignee, by hand or by a card transfer (transferId set).
 */
public record TaskReassigned(
        @JsonProperty(required = true) @JsonPropertyDescription("The task's id.")
        UUID taskId,

        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.")
        UUID cardId,

        @JsonProperty(required = true) @JsonPropertyDescription("The assignee before.")
        UUID fromAssigneeId,

        @JsonProperty(required = true) @JsonPropertyDescription("The assignee after.")
        UUID toAssigneeId,

        @JsonPropertyDescription("Why, e.g. 'dismissal'.") String reason,

        @JsonPropertyDescription("The card transfer that moved the task, when it was one.")
        UUID transferId,

        @JsonProperty(required = true) @JsonPropertyDescription("When the task was reassigned (UTC).")
        Instant reassignedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The task's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The task's external reference's id, unique per tenant and system among tasks.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public TaskReassigned(
            UUID taskId,
            String cardType,
            UUID cardId,
            UUID fromAssigneeId,
            UUID toAssigneeId,
            String reason,
            UUID transferId,
            Instant reassignedAt) {
        this(taskId, cardType, cardId, fromAssigneeId, toAssigneeId, reason, transferId, reassignedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return taskId;
    }
}
