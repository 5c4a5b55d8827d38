package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The head of sales renamed a loss reason of the tenant's catalogue or (de)activated it. Carries the reason as it is
 * after the change; a reason is never deleted, so a lost deal keeps its reason's label.
 */
public record LossReasonChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The reason's id (as in LossReasonAdded).")
        UUID reasonId,

        @JsonProperty(required = true) @JsonPropertyDescription("The reason's code, unique per tenant.")
        String code,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The reason as shown to people, by language: keys 'ru' and 'en'.")
        Map<String, String> labels,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Whether a deal can be lost with it now; an inactive reason keeps its label.")
        boolean active,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant changedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return reasonId;
    }
}
