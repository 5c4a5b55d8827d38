package com.salespulse.notification.delivery;

import com.salespulse.messaging.tracing.EventTracing;
import com.salespulse.notification.channel.AttemptResult;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.security.ActingScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends on a bounded set of sender threads, at most one at a time per receiver (a subscription): a receiver that hangs
 * until its timeout, or fails, holds one thread and its own queue, never the other receivers'. A receiver's due
 * deliveries go out one after another, oldest first (so a resolution follows its alert), on the thread that took the
 * receiver; the round that hands receivers to threads never waits for a send.
 *
 * <p>A delivery being sent is leased (its next attempt moved a lease ahead). Every lease renewal interval the leases
 * of the sends in flight here are moved on, so a send that takes long is never taken by another instance; when the
 * instance dies (kill -9, a lost node), nothing renews its leases and its deliveries are due again, for whichever
 * instance runs next, within one lease (20 s by default) instead of waiting for a fixed long hold.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryAttemptService attempts;
    private final ActingScope acting;
    private final Clock clock;
    private final int senders;
    private final int perReceiverRound;
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();
    private final Map<UUID, InFlight> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private final EventTracing tracing;

    public DeliveryDispatcher(
            DeliveryAttemptService attempts,
            ActingScope acting,
            Clock clock,
            NotificationConfig config,
            EventTracing tracing) {
        this.tracing = tracing;
        this.attempts = attempts;
        this.acting = acting;
        this.clock = clock;
        this.senders = config.delivery().senders();
        this.perReceiverRound = config.delivery().batchSize();
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(senders, work -> {
            Thread thread = new Thread(work, "delivery-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sender threads free now: how many receivers a round may hand out. */
    int freeSenders() {
        return senders - busy.size();
    }

    /** Receivers being sent to now; a round skips them. */
    Set<UUID> busyReceivers() {
        return Set.copyOf(busy);
    }

    /**
     * Hands the receiver's due deliveries to a sender thread, unless one is already at it or none is free.
     *
     * @return whether it was handed over
     */
    boolean dispatch(DeliveryRepository.DueReceiver receiver) {
        if (busy.size() >= senders || !busy.add(receiver.subscriptionId())) {
            return false;
        }
        try {
            threads.execute(() -> drain(receiver));
            return true;
        } catch (RuntimeException e) {
            busy.remove(receiver.subscriptionId());
            throw e;
        }
    }

    /** Whether nothing is being sent now (tests wait for it after pausing the sender). */
    public boolean idle() {
        return busy.isEmpty();
    }

    private void drain(DeliveryRepository.DueReceiver receiver) {
        try {
            acting.run(receiver.tenant(), NotificationConfig.SYSTEM_ACTOR, () -> {
                Set<UUID> tried = new HashSet<>();
                for (int i = 0; i < perReceiverRound; i++) {
                    Optional<UUID> next = attempts.nextDue(receiver.subscriptionId());
                    // one attempt per delivery and round: a row another instance holds stays due, but is not ours
                    if (next.isEmpty() || !tried.add(next.get())) {
                        return;
                    }
                    attempts.prepare(next.get()).ifPresent(prepared -> sendAndRecord(receiver.tenant(), prepared));
                }
            });
        } catch (RuntimeException e) {
            // the rows stay PENDING and due (or leased): a later round tries again
            LOG.warnf(e, "Deliveries to subscription %s could not be attempted", receiver.subscriptionId());
        } finally {
            busy.remove(receiver.subscriptionId());
        }
    }

    private void sendAndRecord(String tenant, DeliveryAttemptService.Prepared prepared) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        inFlight.put(prepared.deliveryId(), new InFlight(tenant, prepared.leasedUntil()));
        AttemptResult result;
        try {
            // a span of the alert's trace: the alert event's processing planned this delivery
            result = tracing.continueTrace(
                    "delivery " + prepared.channel(),
                    prepared.traceparent(),
                    Map.of("salespulse.delivery.id", prepared.deliveryId().toString(), "salespulse.tenant", tenant),
                    () -> attempts.send(prepared));
        } finally {
            inFlight.remove(prepared.deliveryId());
        }
        attempts.record(prepared, started, (System.nanoTime() - startedNanos) / 1_000_000, result);
    }

    /**
     * Moves on the lease of every send in flight here. A renewal that fails (the database away for a moment) is tried
     * again at the next round; should the lease run out meanwhile, another instance may send the delivery again (at
     * least once; the unchanged webhook-id lets receivers drop the repeat).
     */
    @Scheduled(
            identity = "delivery-lease-renewal",
            every = "${salespulse.notification.delivery.lease-renewal:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        inFlight.forEach((deliveryId, held) -> {
            try {
                Optional<Instant> renewed = acting.call(
                        held.tenant(),
                        NotificationConfig.SYSTEM_ACTOR,
                        () -> attempts.renewLease(deliveryId, held.leasedUntil()));
                // replace only the lease we renewed: the send may have ended meanwhile
                renewed.ifPresent(until -> inFlight.replace(deliveryId, held, new InFlight(held.tenant(), until)));
            } catch (RuntimeException e) {
                LOG.warnf("The lease of delivery %s could not be renewed: %s", deliveryId, e.toString());
            }
        });
    }

    /** Whose a send in flight is, and until when its delivery is leased. */
    private record InFlight(String tenant, Instant leasedUntil) {}

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
