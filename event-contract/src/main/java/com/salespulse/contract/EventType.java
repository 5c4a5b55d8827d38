package com.salespulse.contract;

import java.util.Arrays;
import java.util.Optional;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertResolved;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadUpdated;
import com.salespulse.contract.notification.NotificationDelivered;
import com.salespulse.contract.notification.NotificationDeliveryFailed;
import com.salespulse.contract.notification.SubscriptionCreated;
import com.salespulse.contract.notification.SubscriptionDeleted;
import com.salespulse.contract.notification.WebhookSecretRotated;
import com.salespulse.contract.roster.CardTransferStarted;

/**
 * The catalogue of event types: the CloudEvent {@code type}, the record that carries its data, the topic
 * it is published to. A consumer dispatches on this enum, never on string comparisons.
 */
public enum EventType {

    // Each family has its own section, and every constant ends with a comma (Java allows one before the ';'),
    // so work on different families never touches the same lines.

    // ---- lead events (lead-service, salespulse.lead.events) ----
    LEAD_CREATED("salespulse.lead.created", LeadCreated.class, Topics.LEAD_EVENTS),
    LEAD_UPDATED("salespulse.lead.updated", LeadUpdated.class, Topics.LEAD_EVENTS),
    LEAD_CONVERTED("salespulse.lead.converted", LeadConverted.class, Topics.LEAD_EVENTS),
    // ---- end of lead events ----

    // ---- roster events (lead-service, salespulse.roster.events) ----
    CARD_TRANSFER_STARTED("salespulse.roster.card-transfer-started", CardTransferStarted.class, Topics.ROSTER_EVENTS),
    // ---- end of roster events ----

    // ---- deal, task, activity, plan events (deal-service, salespulse.deal.events) ----
    DEAL_CARDS_TRANSFERRED("salespulse.deal.cards-transferred", DealCardsTransferred.class, Topics.DEAL_EVENTS),
    // ---- end of deal events ----

    // ---- alert events (analytics-service, salespulse.alert.events) ----
    ALERT_RAISED("salespulse.alert.raised", AlertRaised.class, Topics.ALERT_EVENTS),
    ALERT_RESOLVED("salespulse.alert.resolved", AlertResolved.class, Topics.ALERT_EVENTS),
    // ---- end of alert events ----

    // ---- notification events (notification-service) ----
    NOTIFICATION_DELIVERED("salespulse.notification.delivered", NotificationDelivered.class, Topics.NOTIFICATION_EVENTS),
    NOTIFICATION_DELIVERY_FAILED("salespulse.notification.delivery-failed", NotificationDeliveryFailed.class,
            Topics.NOTIFICATION_EVENTS),
    SUBSCRIPTION_CREATED("salespulse.notification.subscription-created", SubscriptionCreated.class,
            Topics.NOTIFICATION_EVENTS),
    SUBSCRIPTION_DELETED("salespulse.notification.subscription-deleted", SubscriptionDeleted.class,
            Topics.NOTIFICATION_EVENTS),
    WEBHOOK_SECRET_ROTATED("salespulse.notification.webhook-secret-rotated", WebhookSecretRotated.class,
            Topics.NOTIFICATION_EVENTS),
    // ---- end of notification events ----
    ;

    private final String type;
    private final Class<? extends DomainEvent> dataClass;
    private final String topic;

    EventType(String type, Class<? extends DomainEvent> dataClass, String topic) {
        this.type = type;
        this.dataClass = dataClass;
        this.topic = topic;
    }

    /** The CloudEvent {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The aggregate family, the middle part of the type: {@code lead} for {@code salespulse.lead.created}. */
    public String aggregateType() {
        return type.split("\\.")[1];
    }

    public Class<? extends DomainEvent> dataClass() {
        return dataClass;
    }

    public String topic() {
        return topic;
    }

    /** The file name of this type's JSON Schema under {@code schemas/} on the classpath. */
    public String schemaResource() {
        return "schemas/" + type + ".schema.json";
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(DomainEvent data) {
        return Arrays.stream(values()).filter(t -> t.dataClass.equals(data.getClass())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type is registered for " + data.getClass()));
    }
}
