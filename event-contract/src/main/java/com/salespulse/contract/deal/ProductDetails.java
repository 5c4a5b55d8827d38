package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;

/**
 * The catalogue facts of a product.
 */
public record ProductDetails(
        @JsonProperty(required = true) @JsonPropertyDescription("The product's display name.")
        String name,

        @JsonProperty(required = true) @JsonPropertyDescription("The product category, for sales by category.")
        String category,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The unit the quantity is counted in, e.g. 'pcs', 'licence', 'hour'.")
        String unit,

        @JsonProperty(required = true) @JsonPropertyDescription("The list price of one unit.")
        BigDecimal listPrice,

        @JsonProperty(required = true) @JsonPropertyDescription("ISO 4217 currency of the list price.")
        String currency) {}
