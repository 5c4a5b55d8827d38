package com.salespulse.contract.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A message reached its subscriber: the receiver accepted it (2xx, SMTP accepted, bot API ok). The subscription is
 * not failing after it; {@code subscriptionFailingBefore} says whether this delivery cleared the mark.
 */
public record NotificationDelivered(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The delivery's id; also the webhook-id header a webhook receiver saw.")
        UUID deliveryId,

        @JsonProperty(required = true) @JsonPropertyDescription("The subscription it was delivered to.")
        UUID subscriptionId,

        @JsonPropertyDescription("The alert it was about; absent for a daily digest.")
        UUID alertId,

        @JsonProperty(required = true) @JsonPropertyDescription("RAISED, RESOLVED or DIGEST.")
        String kind,

        @JsonProperty(required = true) @JsonPropertyDescription("WEBHOOK, EMAIL or BOT.")
        String channel,

        @JsonPropertyDescription("The roster person the subscription is for, when it names one.")
        UUID recipientPersonId,

        @JsonProperty(required = true) @JsonPropertyDescription("How many attempts it took, from 1.")
        int attempts,

        @JsonPropertyDescription("The HTTP status the receiver answered, for webhook and bot deliveries.")
        Integer statusCode,

        @JsonProperty(required = true) @JsonPropertyDescription("When the receiver accepted it (UTC).")
        Instant deliveredAt,

        @JsonPropertyDescription(
                "Whether the subscription was marked failing before this delivery; a delivered message clears the mark.")
        Boolean subscriptionFailingBefore)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return deliveryId;
    }
}
