package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An open deal was archived by hand, with a reason: out of the working lists and the "now" metrics (load, forgotten
 * cards, overdue tasks, a dismissed manager's base) until restored; its history stays in the flow metrics.
 */
public record DealArchived(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's owner at the time.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The open stage the deal stays in while archived.")
        UUID stageId,

        @JsonProperty(required = true) @JsonPropertyDescription("Why, in a few words.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was archived (UTC).")
        Instant archivedAt,

        @JsonPropertyDescription("The deal's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The deal's external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return dealId;
    }
}
