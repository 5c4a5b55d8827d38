package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An archived deal is back in the working lists and the "now" metrics, in the stage it had. */
public record DealRestored(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's owner.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's stage, unchanged by archiving.")
        UUID stageId,

        @JsonProperty(required = true) @JsonPropertyDescription("Why, in a few words.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal had been archived (UTC).")
        Instant archivedAt,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was restored (UTC).")
        Instant restoredAt,

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
