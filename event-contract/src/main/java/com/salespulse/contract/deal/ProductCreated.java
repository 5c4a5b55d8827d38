package com.salespulse.contract.deal;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * A product was added to the tenant's catalogue.
 */
public record ProductCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The new product's id.") UUID productId,
        @JsonProperty(required = true) @JsonPropertyDescription("The product's name, category, unit and list price.") ProductDetails details,
        @JsonProperty(required = true) @JsonPropertyDescription("When the product was added (UTC).") Instant createdAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return productId;
    }
}
