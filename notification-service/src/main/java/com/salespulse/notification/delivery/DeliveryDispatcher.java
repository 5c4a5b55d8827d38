package com.salespulse.notification.delivery;

import com.salespulse.notification.channel.AttemptResult;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.security.ActingScope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
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
    private final ExecutorService threads;

    public DeliveryDispatcher(
            DeliveryAttemptService attempts, ActingScope acting, Clock clock, NotificationConfig config) {
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
                    attempts.prepare(next.get()).ifPresent(this::sendAndRecord);
                }
            });
        } catch (RuntimeException e) {
            // the rows stay PENDING and due (or leased): a later round tries again
            LOG.warnf(e, "Deliveries to subscription %s could not be attempted", receiver.subscriptionId());
        } finally {
            busy.remove(receiver.subscriptionId());
        }
    }

    private void sendAndRecord(DeliveryAttemptService.Prepared prepared) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        AttemptResult result = attempts.send(prepared);
        attempts.record(prepared, started, (System.nanoTime() - startedNanos) / 1_000_000, result);
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
