package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A product's catalogue facts changed. Deals keep the facts their lines were written with.
 */
public record ProductChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The product's id.")
        UUID productId,

        @JsonProperty(required = true) @JsonPropertyDescription("The facts before the change.")
        ProductDetails before,

        @JsonProperty(required = true) @JsonPropertyDescription("The facts after the change.")
        ProductDetails after,

        @JsonProperty(required = true) @JsonPropertyDescription("When the change was made (UTC).")
        Instant changedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The product's external reference's system (e.g. 1c), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The product's external reference's id, unique per tenant and system among products.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public ProductChanged(UUID productId, ProductDetails before, ProductDetails after, Instant changedAt) {
        this(productId, before, after, changedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return productId;
    }
}
