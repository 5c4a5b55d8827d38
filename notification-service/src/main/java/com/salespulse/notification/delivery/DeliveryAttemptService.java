package com.salespulse.notification.delivery;

import com.salespulse.contract.notification.NotificationDelivered;
import com.salespulse.contract.notification.NotificationDeliveryFailed;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.notification.channel.AttemptResult;
import com.salespulse.notification.channel.Channel;
import com.salespulse.notification.channel.ChannelSender;
import com.salespulse.notification.channel.Recipient;
import com.salespulse.notification.channel.RenderedMessage;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.notification.subscription.Subscription;
import com.salespulse.notification.subscription.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One attempt at one delivery, acting for the delivery's tenant, in three steps so that no transaction, connection or
 * lock is held while a receiver answers: {@link #prepare} claims the row (FOR UPDATE SKIP LOCKED), renders the message
 * and leases the row (its next attempt moved past the longest a send may take; {@link DeliveryDispatcher} renews the
 * lease while the send is in flight) in one short transaction; {@link #send}
 * sends, outside any transaction, within the channel's timeouts; {@link #record} records the attempt, the new status
 * and, when the delivery is finished either way, its outcome event in the outbox in a second short transaction. A
 * crash between the two leaves the row PENDING, due again when the lease ends, so it is sent again (at least once;
 * the unchanged webhook-id lets receivers drop the repeat).
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
    private final java.time.Duration lease;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    /** A claimed, leased delivery and its message, ready to go out; the lease ends at {@code leasedUntil}. */
    public record Prepared(
            UUID deliveryId,
            Channel channel,
            Recipient recipient,
            RenderedMessage message,
            Instant leasedUntil,
            String traceparent) {}

    public DeliveryAttemptService(
            DeliveryRepository deliveries,
            DeliveryAttemptRepository attempts,
            SubscriptionRepository subscriptions,
            DeliveryRenderer renderer,
            Instance<ChannelSender> senders,
            Outbox outbox,
            Clock clock,
            NotificationConfig config,
            io.micrometer.core.instrument.MeterRegistry registry) {
        this.registry = registry;
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
        this.lease = config.delivery().lease();
    }

    /** The oldest delivery of the subscription (of the tenant acted for) that is due now. */
    @Transactional
    public Optional<UUID> nextDue(UUID subscriptionId) {
        return deliveries.nextDueOf(subscriptionId, clock.instant());
    }

    /**
     * Claims the delivery if it is due and nobody holds it, and answers what to send, leasing the row meanwhile; or
     * nothing, when it is held, cancelled, in quiet hours or waiting for its alert's message.
     */
    @Transactional
    public Optional<Prepared> prepare(UUID deliveryId) {
        Instant now = clock.instant();
        Optional<Delivery> claimed = deliveries.claim(deliveryId, now);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Delivery delivery = claimed.get();
        Subscription subscription = subscriptions.findById(delivery.subscriptionId);
        if (!subscription.active) {
            delivery.status = DeliveryStatus.CANCELLED;
            delivery.note = "the subscription was deleted before it went out";
            return Optional.empty();
        }
        Optional<Instant> quietEnd = subscription.quietHours().flatMap(quiet -> quiet.endIfQuiet(now));
        if (quietEnd.isPresent()) {
            delivery.nextAttemptAt = quietEnd.get();
            delivery.note = "quiet hours: waits until " + quietEnd.get();
            return Optional.empty();
        }
        if (delivery.kind == DeliveryKind.RESOLVED && waitsForItsRaise(delivery)) {
            return Optional.empty();
        }
        RenderedMessage message = renderer.render(delivery, subscription);
        delivery.nextAttemptAt = leaseFrom(now);
        return Optional.of(new Prepared(
                delivery.id,
                subscription.channel,
                subscription.recipient(),
                message,
                delivery.nextAttemptAt,
                delivery.traceparent));
    }

    /**
     * Moves the lease of a delivery still being sent on by a whole lease from now, provided it is still the lease this
     * sender took or last renewed (the attempt not recorded yet, nobody else holding it).
     *
     * @return the new end of the lease, or nothing when the delivery is no longer held under {@code held}
     */
    @Transactional
    public Optional<Instant> renewLease(UUID deliveryId, Instant held) {
        Instant until = leaseFrom(clock.instant());
        return deliveries.renewLease(deliveryId, held, until) ? Optional.of(until) : Optional.empty();
    }

    /** Millisecond precision, so the database keeps exactly the instant a renewal compares against. */
    private Instant leaseFrom(Instant now) {
        return now.plus(lease).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Sends, outside any transaction; the sender's timeouts bound how long it takes. */
    public AttemptResult send(Prepared prepared) {
        return senders.get(prepared.channel()).send(prepared.deliveryId(), prepared.recipient(), prepared.message());
    }

    /** Registers the attempt counters at 0, so that an alert on their increase sees the first failure. */
    void registerMeters(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent startup) {
        for (Channel channel : Channel.values()) {
            for (String outcome : List.of("delivered", "failed", "dead")) {
                registry.counter("salespulse.delivery.attempts", "channel", channel.name(), "outcome", outcome);
            }
        }
    }

    /**
     * Counts an attempt by channel and outcome: delivered, failed (tried again later) or dead (the retry budget ran
     * out; the alert's receiver never gets it). Prometheus: {@code salespulse_delivery_attempts_total}.
     */
    private void countAttempt(Subscription subscription, String outcome) {
        registry.counter("salespulse.delivery.attempts", "channel", subscription.channel.name(), "outcome", outcome)
                .increment();
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

    /**
     * Records how the attempt that started at {@code now} went. A delivery finished meanwhile (sent by another instance
     * after a lease ran out) is left as it is.
     */
    @Transactional
    public void record(Prepared prepared, Instant now, long durationMs, AttemptResult result) {
        Delivery delivery = deliveries.findById(prepared.deliveryId());
        if (delivery == null || delivery.status == DeliveryStatus.DELIVERED || delivery.status == DeliveryStatus.DEAD) {
            return;
        }
        Subscription subscription = subscriptions.findById(delivery.subscriptionId);

        delivery.attempts++;
        delivery.lastAttemptAt = now;
        delivery.lastStatusCode = result.statusCode();
        delivery.lastError = result.error();
        delivery.note = null;
        attempts.persist(attemptRow(delivery, now, durationMs, result));

        if (result.succeeded()) {
            countAttempt(subscription, "delivered");
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
        countAttempt(subscription, exhausted.isEmpty() ? "failed" : "dead");
        if (exhausted.isEmpty()) {
            // counted from the attempt's end: a receiver that took its whole timeout is not tried again at once
            delivery.nextAttemptAt = clock.instant().plus(retry.delayAfter(delivery.attempts));
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
