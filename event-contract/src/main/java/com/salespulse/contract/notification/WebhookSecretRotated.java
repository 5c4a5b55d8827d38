package com.salespulse.contract.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.util.UUID;

/**
 * A webhook subscription's signing secrets changed: a rotation began (a new secret signs alongside the previous one)
 * or ended (the previous one was dropped). The secrets themselves never travel in an event.
 */
public record WebhookSecretRotated(
        @JsonProperty(required = true) @JsonPropertyDescription("The subscription's id.")
        UUID subscriptionId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("STARTED (a new secret was made) or ENDED (the previous one dropped).")
        String step,

        @JsonProperty(required = true) @JsonPropertyDescription("How many secrets signed each message before.")
        int activeSecretsBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("How many sign each message now.")
        int activeSecretsAfter)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return subscriptionId;
    }
}
