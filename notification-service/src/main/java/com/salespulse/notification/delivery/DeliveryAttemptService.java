package com.salespulse.notification.delivery;

import com.salespulse.contract.notification.NotificationDelivered;
import com.salespulse.contract.notification.NotificationDeliveryFailed;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.notification.channel.AttemptResult;
import com.salespulse.notification.channel.Channel;
import com.salespulse.notification.channel.ChannelSender;
import com.salespulse.notification.channel.RenderedMessage;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.notification.subscription.Subscription;
import com.salespulse.notification.subscription.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One attempt at one delivery, in one transaction, acting for the delivery's tenant: claim the row (FOR UPDATE SKIP LOCKED),
 * send, and record the attempt, the new status and, when the delivery is finished either way, its outcome event in
 * the outbox. A crash before the commit leaves the row PENDING and due, so it is sent again (at least once; the
 * unchanged webhook-id lets receivers drop the repeat).
 */
@ApplicationScoped
public class DeliveryAttemptService {

    private final DeliveryRepository deliveries;
    private final DeliveryAttemptRepository attempts;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRenderer renderer;
    private final Map<Channel, ChannelSender> senders;
    private final Outbox outbox;
    private final Clock clock;
    private final RetryPolicy retry;
    private final int failingAfter;

    public DeliveryAttemptService(
            DeliveryRepository deliveries,
            DeliveryAttemptRepository attempts,
            SubscriptionRepository subscriptions,
            DeliveryRenderer renderer,
            Instance<ChannelSender> senders,
            Outbox outbox,
            Clock clock,
            NotificationConfig config) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.subscriptions = subscriptions;
        this.renderer = renderer;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.outbox = outbox;
        this.clock = clock;
        this.retry = new RetryPolicy(
                config.delivery(), () -> ThreadLocalRandom.current().nextDouble());
        this.failingAfter = config.delivery().failingAfter();
    }

    @Transactional
    public void attempt(UUID deliveryId) {
        Instant now = clock.instant();
        Optional<Delivery> claimed = deliveries.claim(deliveryId, now);
        if (claimed.isEmpty()) {
            return;
        }
        Delivery delivery = claimed.get();
        Subscription subscription = subscriptions.findById(delivery.subscriptionId);
        if (!subscription.active) {
            delivery.status = DeliveryStatus.CANCELLED;
            delivery.note = "the subscription was deleted before it went out";
            return;
        }
        Optional<Instant> quietEnd = subscription.quietHours().flatMap(quiet -> quiet.endIfQuiet(now));
        if (quietEnd.isPresent()) {
            delivery.nextAttemptAt = quietEnd.get();
            delivery.note = "quiet hours: waits until " + quietEnd.get();
            return;
        }
        if (delivery.kind == DeliveryKind.RESOLVED && waitsForItsRaise(delivery)) {
            return;
        }
        send(delivery, subscription, now);
    }

    /** A resolution never overtakes the message it resolves: it waits while that one is still pending. */
    private boolean waitsForItsRaise(Delivery resolution) {
        Optional<Delivery> raised = deliveries
                .find(resolution.alertId, resolution.subscriptionId, DeliveryKind.RAISED)
                .filter(delivery -> delivery.status == DeliveryStatus.PENDING);
        raised.ifPresent(pending -> {
            resolution.nextAttemptAt = pending.nextAttemptAt.plusSeconds(1);
            resolution.note = "waits for the alert's own message " + pending.id;
        });
        return raised.isPresent();
    }

    private void send(Delivery delivery, Subscription subscription, Instant now) {
        RenderedMessage message = renderer.render(delivery, subscription);
        long started = System.nanoTime();
        AttemptResult result = senders.get(subscription.channel).send(delivery.id, subscription.recipient(), message);
        long durationMs = (System.nanoTime() - started) / 1_000_000;

        delivery.attempts++;
        delivery.lastAttemptAt = now;
        delivery.lastStatusCode = result.statusCode();
        delivery.lastError = result.error();
        delivery.note = null;
        attempts.persist(attemptRow(delivery, now, durationMs, result));

        if (result.succeeded()) {
            delivery.status = DeliveryStatus.DELIVERED;
            delivery.deliveredAt = clock.instant();
            boolean wasFailing = subscriptions.countDelivered(subscription.id);
            outbox.emit(new NotificationDelivered(
                    delivery.id,
                    subscription.id,
                    delivery.alertId,
                    delivery.kind.name(),
                    subscription.channel.name(),
                    subscription.personId,
                    delivery.attempts,
                    result.statusCode(),
                    delivery.deliveredAt,
                    wasFailing));
            return;
        }
        Optional<RetryPolicy.Exhausted> exhausted = retry.exhausted(delivery.attempts, delivery.firstDueAt, now);
        if (exhausted.isEmpty()) {
            delivery.nextAttemptAt = now.plus(retry.delayAfter(delivery.attempts));
            return;
        }
        delivery.status = DeliveryStatus.DEAD;
        delivery.note = "dead-lettered: "
                + (exhausted.get() == RetryPolicy.Exhausted.MAX_ATTEMPTS ? "no attempts left" : "too old to retry");
        boolean[] failing = subscriptions.countDead(subscription.id, failingAfter);
        outbox.emit(new NotificationDeliveryFailed(
                delivery.id,
                subscription.id,
                delivery.alertId,
                delivery.kind.name(),
                subscription.channel.name(),
                subscription.personId,
                delivery.attempts,
                result.statusCode(),
                result.error(),
                exhausted.get().name(),
                failing[0],
                failing[1],
                now));
    }

    private static DeliveryAttempt attemptRow(Delivery delivery, Instant now, long durationMs, AttemptResult result) {
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.id = UUID.randomUUID();
        attempt.deliveryId = delivery.id;
        attempt.number = delivery.attempts;
        attempt.startedAt = now;
        attempt.durationMs = durationMs;
        attempt.statusCode = result.statusCode();
        attempt.succeeded = result.succeeded();
        attempt.error = result.error();
        return attempt;
    }
}
