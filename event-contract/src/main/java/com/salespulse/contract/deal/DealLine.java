package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One product line of a deal. The line's amount is quantity x unitPrice x (1 - discountPercent/100).
 */
public record DealLine(
        @JsonProperty(required = true) @JsonPropertyDescription("The catalogue product.")
        UUID productId,

        @JsonProperty(required = true) @JsonPropertyDescription("The product's name when the line was written.")
        String productName,

        @JsonProperty(required = true) @JsonPropertyDescription("The product's category when the line was written.")
        String category,

        @JsonProperty(required = true) @JsonPropertyDescription("How many units, in the product's unit.")
        BigDecimal quantity,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The price of one unit before discount, in the deal's currency.")
        BigDecimal unitPrice,

        @JsonProperty(required = true) @JsonPropertyDescription("The discount on this line, 0-100.")
        BigDecimal discountPercent,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The line's amount after discount, in the deal's currency.")
        BigDecimal amount) {}
