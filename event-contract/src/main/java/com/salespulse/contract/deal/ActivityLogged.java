package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A touch with a client was recorded on a card: a call, meeting, message or e-mail, with its outcome and,
 * when it happened, the discount offered or the client's request not to be contacted again.
 */
public record ActivityLogged(
        @JsonProperty(required = true) @JsonPropertyDescription("The activity's id.")
        UUID activityId,

        @JsonProperty(required = true) @JsonPropertyDescription("LEAD or DEAL: the kind of card the task is on.")
        String cardType,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's or deal's id.")
        UUID cardId,

        @JsonPropertyDescription("The client touched, when the card is a deal (or the lead's client when known).")
        UUID clientId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager who made the touch.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("CALL, MEETING, MESSAGE or EMAIL.")
        String type,

        @JsonProperty(required = true) @JsonPropertyDescription("INBOUND or OUTBOUND.")
        String direction,

        @JsonProperty(required = true)
        @JsonPropertyDescription("What came of it, e.g. 'reached', 'no answer', 'agreed to a demo'.")
        String outcome,

        @JsonPropertyDescription("How long it lasted, for calls and meetings.")
        Integer durationSeconds,

        @JsonPropertyDescription("The discount offered to the client during the touch, 0-100, if any.")
        BigDecimal discountOfferedPercent,

        @JsonProperty(required = true) @JsonPropertyDescription("True when the client asked not to be contacted again.")
        boolean doNotContact,

        @JsonProperty(required = true) @JsonPropertyDescription("When the touch happened (UTC).")
        Instant occurredAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription(
                "The external reference's system (e.g. amocrm), when the activity was sent by reference.")
        String externalSystem,

        @JsonPropertyDescription("The external reference's id, unique per tenant and system among activities.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public ActivityLogged(
            UUID activityId,
            String cardType,
            UUID cardId,
            UUID clientId,
            UUID managerId,
            String type,
            String direction,
            String outcome,
            Integer durationSeconds,
            BigDecimal discountOfferedPercent,
            boolean doNotContact,
            Instant occurredAt) {
        this(
                activityId,
                cardType,
                cardId,
                clientId,
                managerId,
                type,
                direction,
                outcome,
                durationSeconds,
                discountOfferedPercent,
                doNotContact,
                occurredAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return activityId;
    }
}
