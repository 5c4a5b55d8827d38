package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The editable money and timing terms of a deal.
 */
public record DealTerms(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The deal's amount in its currency (the sum of its lines when it has lines).")
        BigDecimal amount,

        @JsonProperty(required = true) @JsonPropertyDescription("ISO 4217 currency of the amount and the lines.")
        String currency,

        @JsonProperty(required = true) @JsonPropertyDescription("The product lines; may be empty.")
        List<DealLine> lines,

        @JsonPropertyDescription("When the manager expects to close the deal.")
        LocalDate expectedCloseDate) {}
