package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The tenant's base currency (the one analytics reports in, and plans are set in) was set or changed.
 */
public record BaseCurrencySet(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The id of the tenant's currency settings (one per tenant).")
        UUID settingsId,

        @JsonPropertyDescription("The base currency before; absent when it is set the first time.")
        String before,

        @JsonProperty(required = true) @JsonPropertyDescription("The base currency now, ISO 4217.")
        String after,

        @JsonProperty(required = true) @JsonPropertyDescription("When it was set (UTC).")
        Instant setAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return settingsId;
    }
}
