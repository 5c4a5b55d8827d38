package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A product was added to the tenant's catalogue.
 */
public record ProductCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The new product's id.")
        UUID productId,

        @JsonProperty(required = true) @JsonPropertyDescription("The product's name, category, unit and list price.")
        ProductDetails details,

        @JsonProperty(required = true) @JsonPropertyDescription("When the product was added (UTC).")
        Instant createdAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The product's external reference's system (e.g. 1c), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The product's external reference's id, unique per tenant and system among products.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public ProductCreated(UUID productId, ProductDetails details, Instant createdAt) {
        this(productId, details, createdAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return productId;
    }
}
