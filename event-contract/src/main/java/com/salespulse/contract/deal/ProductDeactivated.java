package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A product was taken out of sale: new deal lines cannot use it; deals that already reference it keep it.
 * Products are never deleted.
 */
public record ProductDeactivated(
        @JsonProperty(required = true) @JsonPropertyDescription("The product's id.")
        UUID productId,

        @JsonPropertyDescription("Why it was deactivated, if given.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When it was deactivated (UTC).")
        Instant deactivatedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return productId;
    }
}
