package com.salespulse.contract.deal;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * A product's catalogue facts changed. Deals keep the facts their lines were written with.
 */
public record ProductChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The product's id.") UUID productId,
        @JsonProperty(required = true) @JsonPropertyDescription("The facts before the change.") ProductDetails before,
        @JsonProperty(required = true) @JsonPropertyDescription("The facts after the change.") ProductDetails after,
        @JsonProperty(required = true) @JsonPropertyDescription("When the change was made (UTC).") Instant changedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return productId;
    }
}
