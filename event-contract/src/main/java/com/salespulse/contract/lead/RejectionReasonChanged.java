package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The head of sales added a rejection reason to the tenant's catalogue, renamed one or (de)activated one. Carries the
 * reason as it is after the change; a reason is never deleted, so a rejection keeps its reason's label.
 */
public record RejectionReasonChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The reason's id, stable per tenant and code.")
        UUID reasonId,

        @JsonProperty(required = true) @JsonPropertyDescription("The code rejections carry, e.g. 'no_budget'.")
        String code,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The reason as shown to people, by language: keys 'ru' and 'en'.")
        Map<String, String> labels,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Whether a lead can be rejected with it now; an inactive reason keeps its label.")
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
