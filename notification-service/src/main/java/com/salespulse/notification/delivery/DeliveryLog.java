package com.salespulse.notification.delivery;

import com.salespulse.notification.subscription.Subscription;
import com.salespulse.notification.subscription.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads the delivery log: deliveries with their attempts, as far as the caller may see them. */
@ApplicationScoped
public class DeliveryLog {

    /** A delivery, the channel it went over, and its attempts in order. */
    public record Entry(Delivery delivery, String channel, List<DeliveryAttempt> attempts) {}

    private final DeliveryRepository deliveries;
    private final DeliveryAttemptRepository attempts;
    private final SubscriptionRepository subscriptions;

    public DeliveryLog(
            DeliveryRepository deliveries, DeliveryAttemptRepository attempts, SubscriptionRepository subscriptions) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.subscriptions = subscriptions;
    }

    /** Every delivery of an alert; a manager sees those of their own subscriptions only. */
    @Transactional
    public List<Entry> ofAlert(UUID alertId, Optional<UUID> managerScope) {
        Map<UUID, Subscription> visible = subscriptions.listVisibleIncludingDeleted(managerScope).stream()
                .collect(Collectors.toMap(s -> s.id, s -> s));
        List<Delivery> rows = deliveries.ofAlert(alertId).stream()
                .filter(delivery -> visible.containsKey(delivery.subscriptionId))
                .toList();
        return entries(rows, visible);
    }

    /** The newest deliveries of one subscription; empty when the caller may not see it. */
    @Transactional
    public Optional<List<Entry>> ofSubscription(UUID subscriptionId, Optional<UUID> managerScope, int limit) {
        return subscriptions
                .findVisible(subscriptionId, managerScope)
                .map(subscription -> entries(
                        deliveries.ofSubscription(subscriptionId, limit), Map.of(subscription.id, subscription)));
    }

    private List<Entry> entries(List<Delivery> rows, Map<UUID, Subscription> subscriptionsById) {
        Set<UUID> ids = rows.stream().map(delivery -> delivery.id).collect(Collectors.toSet());
        Map<UUID, List<DeliveryAttempt>> attemptsByDelivery =
                attempts.ofDeliveries(ids).stream().collect(Collectors.groupingBy(attempt -> attempt.deliveryId));
        return rows.stream()
                .map(delivery -> new Entry(
                        delivery,
                        subscriptionsById.get(delivery.subscriptionId).channel.name(),
                        attemptsByDelivery.getOrDefault(delivery.id, List.of())))
                .toList();
    }
}
