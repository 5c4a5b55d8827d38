package com.salespulse.contract.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Someone subscribed to alerts. The address is named; a webhook's signing secret never travels in an event. */
public record SubscriptionCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The subscription's id.")
        UUID subscriptionId,

        @JsonPropertyDescription("The roster person it is for, when it names one.")
        UUID personId,

        @JsonPropertyDescription("The manager who created it (it covers only their alerts); absent for the head's.")
        UUID ownerManagerId,

        @JsonProperty(required = true) @JsonPropertyDescription("WEBHOOK, EMAIL or BOT.")
        String channel,

        @JsonProperty(required = true) @JsonPropertyDescription("The webhook URL, e-mail address or bot chat id.")
        String address,

        @JsonProperty(required = true) @JsonPropertyDescription("The alert types covered; empty for all.")
        List<String> alertTypes,

        @JsonProperty(required = true) @JsonPropertyDescription("The managers covered; empty for all.")
        List<UUID> managerIds,

        @JsonProperty(required = true) @JsonPropertyDescription("The teams covered; empty for all.")
        List<UUID> teamIds,

        @JsonProperty(required = true) @JsonPropertyDescription("ru or en.")
        String language,

        @JsonProperty(required = true) @JsonPropertyDescription("The subscriber's IANA time zone.")
        String timeZone,

        @JsonPropertyDescription("Start of the quiet hours, local time (HH:mm).")
        LocalTime quietFrom,

        @JsonPropertyDescription("End of the quiet hours, local time (HH:mm).")
        LocalTime quietTo,

        @JsonProperty(required = true) @JsonPropertyDescription("Whether the daily digest goes here too.")
        boolean dailyDigest)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return subscriptionId;
    }
}
