package com.salespulse.contract.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A message could not be delivered within its retry budget and was dead-lettered: it will not be tried again.
 * Carries the subscription's failing flag before and after, since repeated dead deliveries mark it failing.
 */
public record NotificationDeliveryFailed(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The delivery's id; also the webhook-id header of every attempt.")
        UUID deliveryId,

        @JsonProperty(required = true) @JsonPropertyDescription("The subscription it was meant for.")
        UUID subscriptionId,

        @JsonPropertyDescription("The alert it was about; absent for a daily digest.")
        UUID alertId,

        @JsonProperty(required = true) @JsonPropertyDescription("RAISED, RESOLVED or DIGEST.")
        String kind,

        @JsonProperty(required = true) @JsonPropertyDescription("WEBHOOK, EMAIL or BOT.")
        String channel,

        @JsonPropertyDescription("The roster person the subscription is for, when it names one.")
        UUID recipientPersonId,

        @JsonProperty(required = true) @JsonPropertyDescription("How many attempts were made.")
        int attempts,

        @JsonPropertyDescription("The last HTTP status the receiver answered, when it answered at all.")
        Integer lastStatusCode,

        @JsonProperty(required = true) @JsonPropertyDescription("Why the last attempt failed.")
        String lastError,

        @JsonProperty(required = true) @JsonPropertyDescription("Which budget ran out: MAX_ATTEMPTS or MAX_AGE.")
        String reason,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Whether the subscription was marked failing before this.")
        boolean subscriptionFailingBefore,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Whether the subscription is marked failing now (after N dead deliveries in a row).")
        boolean subscriptionFailingAfter,

        @JsonProperty(required = true) @JsonPropertyDescription("When it was dead-lettered (UTC).")
        Instant failedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return deliveryId;
    }
}
