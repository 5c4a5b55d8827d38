package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The exchange rate of a currency to the tenant's base currency for a date was set or corrected. An amount A
 * in the currency is worth A x rateToBase in the base currency on that date; analytics uses the latest rate
 * dated on or before the day it converts.
 */
public record ExchangeRateSet(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The id of the (currency, date) rate; a correction keeps the id.")
        UUID rateId,

        @JsonProperty(required = true) @JsonPropertyDescription("ISO 4217 currency being converted.")
        String currency,

        @JsonProperty(required = true) @JsonPropertyDescription("The tenant's base currency the rate converts to.")
        String baseCurrency,

        @JsonProperty(required = true) @JsonPropertyDescription("The date the rate applies from.")
        LocalDate rateDate,

        @JsonProperty(required = true) @JsonPropertyDescription("Units of base currency for one unit of the currency.")
        BigDecimal rateToBase,

        @JsonPropertyDescription("The rate for that currency and date before the correction; absent the first time.")
        BigDecimal before,

        @JsonProperty(required = true) @JsonPropertyDescription("When the rate was set (UTC).")
        Instant setAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return rateId;
    }
}
