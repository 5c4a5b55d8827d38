package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;

/**
 * A monthly plan's targets.
 */
public record PlanTarget(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The sales amount to reach in the month, in the tenant's base currency.")
        BigDecimal amount,

        @JsonProperty(required = true) @JsonPropertyDescription("The number of won deals to reach in the month.")
        int dealCount) {}
