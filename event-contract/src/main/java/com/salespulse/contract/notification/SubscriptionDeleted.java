package com.salespulse.contract.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.util.UUID;

/** A subscription was stopped; its pending deliveries were cancelled, its delivery log is kept. */
public record SubscriptionDeleted(
        @JsonProperty(required = true) @JsonPropertyDescription("The subscription's id.")
        UUID subscriptionId,

        @JsonProperty(required = true) @JsonPropertyDescription("How many pending deliveries were cancelled with it.")
        int cancelledDeliveries)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return subscriptionId;
    }
}
