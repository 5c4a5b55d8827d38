package com.salespulse.messaging.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

/**
 * Applies a record until the database takes it: a {@linkplain TransientFailure transient} failure (the database
 * down, refusing connections, out of connections, a deadlock) is not the record's fault, so the consumer waits, with
 * a growing pause, and applies it again, for as long as it takes; the partition waits behind it (the connector pauses
 * fetching once its queue is full) and nothing is dead-lettered. Any other failure is thrown at once, for the
 * consumer's own retries and then the dead-letter topic.
 *
 * <p>While a consumer waits, readiness is DOWN ({@link ConsumersReadiness}), naming the topic and since when.
 */
@ApplicationScoped
public class DatabaseWait {

    private static final Logger LOG = Logger.getLogger(DatabaseWait.class);

    private final Duration firstPause;
    private final Duration longestPause;
    private final Map<String, Instant> waiting = new ConcurrentHashMap<>();
    private final AtomicLong failedApplies = new AtomicLong();

    @Inject
    public DatabaseWait(InboxConfig config) {
        this(config.databaseRetryFirstPause(), config.databaseRetryLongestPause());
    }

    DatabaseWait(Duration firstPause, Duration longestPause) {
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /**
     * Runs {@code apply} (its own transaction each time) until it succeeds or fails for a reason of its own.
     *
     * @param topic the topic being consumed, for the health check and the logs
     */
    public void apply(String topic, Runnable apply) {
        Duration pause = firstPause;
        String key = topic + "#" + Thread.currentThread().getName();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    apply.run();
                    return;
                } catch (RuntimeException e) {
                    if (!TransientFailure.isTransient(e)) {
                        throw e;
                    }
                    failedApplies.incrementAndGet();
                    if (waiting.putIfAbsent(key, Instant.now()) == null) {
                        LOG.warnf(
                                "%s: the database cannot be used (%s); the record is applied again once it can",
                                topic, e.toString());
                    }
                    interrupted |= pause(pause);
                    pause = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (waiting.remove(key) != null) {
                LOG.infof("%s: the database answers again; consuming goes on", topic);
            }
        }
    }

    /** How many consumers are waiting for the database now. */
    public int waitingConsumers() {
        return waiting.size();
    }

    /** How many applies have failed transiently since the start: each was followed by a wait and another apply. */
    public long failedApplies() {
        return failedApplies.get();
    }

    /** UP unless a consumer waits for the database. */
    public HealthCheckResponse health() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("event consumers").status(waiting.isEmpty());
        waiting.forEach((consumer, since) -> response.withData(consumer, "waiting for the database since " + since));
        return response.build();
    }

    /**
     * Waits; an interrupt (a shutdown) does not end the wait, since giving up would dead-letter the record: the process
     * ends around it, and the record, never acknowledged, is read again after the restart.
     *
     * @return whether the thread was interrupted meanwhile
     */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
