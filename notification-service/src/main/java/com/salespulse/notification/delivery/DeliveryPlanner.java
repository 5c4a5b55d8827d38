package com.salespulse.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.messaging.tracing.EventTracing;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.notification.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts deliveries in the queue: PENDING and due now, or at the end of the subscriber's quiet hours; SUPPRESSED when
 * the same condition went to the same subscription within the cooldown. Runs inside the transaction that consumed
 * the alert, so a delivery exists if and only if the alert was taken in.
 */
@ApplicationScoped
public class DeliveryPlanner {

    private final DeliveryRepository deliveries;
    private final ObjectMapper json;
    private final Clock clock;
    private final NotificationConfig.Delivery config;
    private final EventTracing tracing;

    public DeliveryPlanner(
            DeliveryRepository deliveries,
            ObjectMapper json,
            Clock clock,
            NotificationConfig config,
            EventTracing tracing) {
        this.tracing = tracing;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.config = config.delivery();
    }

    /** The alert's message to this subscription, unless the cooldown holds it back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery planRaised(Subscription subscription, UUID alertId, String conditionKey, Object data) {
        Instant now = clock.instant();
        Delivery delivery = newDelivery(subscription, DeliveryKind.RAISED, data, now);
        delivery.alertId = alertId;
        delivery.conditionKey = conditionKey;
        Optional<Delivery> recent =
                deliveries.lastSentOfCondition(subscription.id, conditionKey, now.minus(config.cooldown()));
        if (recent.isPresent()) {
            delivery.status = DeliveryStatus.SUPPRESSED;
            delivery.note = "cooldown: the same condition went to this subscription at " + recent.get().createdAt
                    + " (delivery " + recent.get().id + ")";
        }
        deliveries.persist(delivery);
        return delivery;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery planResolved(Subscription subscription, UUID alertId, String conditionKey, Object data) {
        Delivery delivery = newDelivery(subscription, DeliveryKind.RESOLVED, data, clock.instant());
        delivery.alertId = alertId;
        delivery.conditionKey = conditionKey;
        deliveries.persist(delivery);
        return delivery;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery planDigest(Subscription subscription, LocalDate date, Object data) {
        Delivery delivery = newDelivery(subscription, DeliveryKind.DIGEST, data, clock.instant());
        delivery.digestDate = date;
        deliveries.persist(delivery);
        return delivery;
    }

    private Delivery newDelivery(Subscription subscription, DeliveryKind kind, Object data, Instant now) {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.subscriptionId = subscription.id;
        delivery.kind = kind;
        delivery.status = DeliveryStatus.PENDING;
        delivery.payload = toJson(data);
        delivery.attempts = 0;
        delivery.createdAt = now;
        delivery.traceparent = tracing.current().traceparent();
        Optional<Instant> quietEnd = subscription.quietHours().flatMap(quiet -> quiet.endIfQuiet(now));
        delivery.nextAttemptAt = quietEnd.orElse(now);
        delivery.firstDueAt = delivery.nextAttemptAt;
        quietEnd.ifPresent(end -> delivery.note = "quiet hours: waits until " + end);
        return delivery;
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot store delivery data " + data.getClass().getSimpleName(), e);
        }
    }
}
