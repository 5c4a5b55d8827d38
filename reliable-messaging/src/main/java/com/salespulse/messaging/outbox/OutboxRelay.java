package com.salespulse.messaging.outbox;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.messaging.lease.BatchedPrune;
import com.salespulse.messaging.lease.Leases;
import com.salespulse.messaging.outbox.OutboxEventRepository.Unsent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, oldest first, then marks them published.
 * <ul>
 * <li>One relay at a time across all instances (a lease in {@code job_lease}), so per-aggregate order holds; several
 * workers with SKIP LOCKED would reorder an aggregate's events. The lease is held only while relaying (given up when
 * the outbox is empty, a round failed or the process stops) and is named after the host and port, so a process
 * restarted after a crash takes it over at once.</li>
 * <li>No cursor on {@code seq}: a transaction that commits late with a lower seq is simply picked up in the next
 * round, because the relay always asks for "unpublished", not "after the last seq".</li>
 * <li>Two steps a round, and no database transaction or connection is held while the broker is waited on: one short
 * transaction marks what the previous round sent (the broker acknowledged it) and reads the next batch; then the batch
 * is sent and its acknowledgements awaited (bounded by the producer's timeouts). The last round's marks wait for the
 * next round or poll (a second at most). If the process dies or the mark fails after the send, the rows stay
 * unpublished and are sent again: at-least-once. Consumers drop the duplicate by its CloudEvent id.</li>
 * <li>The lease is renewed once a third of it has run, not every round; every round's read checks in the database that
 * this instance still holds it for longer than a round can take.</li>
 * <li>Per-aggregate order: once an event of an aggregate fails in a round, no later event of that aggregate is sent
 * or marked in that round. An event the broker refuses for good is quarantined after
 * {@link OutboxConfig#maxAttempts()} refusals; the later events of its aggregate wait behind it, those of other
 * aggregates flow on.</li>
 * <li>The broker unreachable (a send times out): the round stops at once and the next poll tries again.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxEventRepository repository;
    private final Producer<String, byte[]> producer;
    private final OutboxConfig config;
    private final Clock clock;
    private final Counter published;
    private final Leases leases;
    private final BatchedPrune prune;
    /** This instance, as the holder of the relay lease (see {@link OutboxConfig#relayHolder()}). */
    private final String instance;

    static final String RELAY_LEASE = "outbox-relay";
    /** Every record's content-type header, encoded once (Kafka copies no header value; none is changed). */
    private static final byte[] CONTENT_TYPE = CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final AtomicBoolean drainRequested = new AtomicBoolean();
    /** A nudge waits in {@link #nudges} and has not begun: later commits need not queue another. */
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();

    private final ReentrantLock draining = new ReentrantLock();

    /**
     * Whether this instance took or renewed the relay lease and has not given it up since, and when
     * ({@link System#nanoTime()}) to renew it. Written under {@link #draining}.
     */
    private volatile boolean leaseHeld;

    private volatile long leaseRenewAt;
    /** Acknowledged by the broker in the last round, not yet marked published; only under {@link #draining}. */
    private final List<UUID> sentUnmarked = new ArrayList<>();
    /** One thread: nudges queue up behind a running drain instead of competing with it. */
    private final ScheduledExecutorService nudges = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxRelay(
            OutboxEventRepository repository,
            Producer<String, byte[]> producer,
            OutboxConfig config,
            Clock clock,
            MeterRegistry registry,
            Leases leases,
            BatchedPrune prune,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.repository = repository;
        this.instance = config.relayHolder().orElseGet(() -> hostName() + ":" + httpPort);
        this.leases = leases;
        this.prune = prune;
        this.producer = producer;
        this.config = config;
        this.clock = clock;
        this.published = Counter.builder("salespulse.outbox.published")
                .description("Outbox events published to Kafka")
                .register(registry);
        Gauge.builder("salespulse.outbox.pending", this, relay -> relay.query(repository::countUnpublished))
                .description("Outbox events committed but not yet published (quarantined ones included)")
                .register(registry);
        Gauge.builder("salespulse.outbox.quarantined", this, relay -> relay.query(repository::countQuarantined))
                .description("Outbox events the broker refused for good, no longer sent until released")
                .register(registry);
        Gauge.builder("salespulse.outbox.oldest.pending.age", this, relay -> relay.query(relay::oldestPendingAge))
                .description("Seconds since the oldest unpublished outbox event was written (0 when none)")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * A transaction that wrote to the outbox committed (once per transaction, {@link Outbox}): relay now rather than
     * at the next poll. At most one nudge waits at a time: the commits that arrive while it waits (a burst of requests) are
     * relayed by its drain, which reads the outbox after they committed. One round per commit used to cost a
     * transaction, a query and a broker flush per event. The nudge waits {@link OutboxConfig#nudgeDelay()} first, so
     * that under load a round carries the commits of that while, not one or two: a round's statements cost as much
     * for one event as for fifty.
     */
    void onCommit() {
        if (nudgeQueued.compareAndSet(false, true)) {
            nudges.schedule(
                    () -> {
                        // cleared before the drain reads: a commit after this point queues the next nudge
                        nudgeQueued.set(false);
                        drain();
                    },
                    config.nudgeDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The poll catches what no nudge announced (another instance's commits, a round that failed, a released
     * quarantine). Most polls find the outbox empty: they ask that with one read of the unpublished rows' index, give
     * up the relay lease if this instance still holds it, and stop there, instead of taking and giving up the lease
     * (two writes and a commit every second).
     */
    @Scheduled(
            every = "${salespulse.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void poll() {
        if (nothingToSend()) {
            return;
        }
        drain();
    }

    private boolean nothingToSend() {
        try {
            if (QuarkusTransaction.requiringNew().call(repository::anyToSend)) {
                return false;
            }
        } catch (RuntimeException e) {
            return false; // the drain meets the failure and reports it as it always has
        }
        // idle: the lease a drain kept after its last round is given up (once: a given-up lease is not written
        // again), unless a drain runs now (it keeps the lease it relies on; the next idle poll gives it up)
        if (draining.tryLock()) {
            try {
                releaseLease();
            } finally {
                draining.unlock();
            }
        }
        return true;
    }

    /**
     * Relays until the outbox is empty. Calls that arrive while a drain runs only ask it to go round once more, so a
     * burst of commits causes a few rounds, not one round per commit.
     */
    @ActivateRequestContext // a service with Hibernate multitenancy resolves its (absent) tenant from the request
    // context
    void drain() {
        drainRequested.set(true);
        // re-check after unlocking: a request that arrived while the holder was finishing is not left to the poll
        while (drainRequested.get() && draining.tryLock()) {
            try {
                while (drainRequested.getAndSet(false)) {
                    while (relayOnce() == config.batchSize()) {
                        // a full batch: more may be waiting
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
                releaseLease(); // not relaying until the next poll: another instance may try meanwhile
                return; // the next commit or poll tries again; do not spin on a broken broker or database
            } finally {
                draining.unlock();
            }
        }
    }

    @PreDestroy
    void stopNudges() {
        nudges.shutdownNow();
        try {
            if (draining.tryLock(5, TimeUnit.SECONDS)) {
                try {
                    // what the broker acknowledged is marked, so a successor does not send it again
                    QuarkusTransaction.requiringNew().run(this::markSent);
                } catch (RuntimeException e) {
                    LOG.debugf("Could not mark the last acknowledged events, they are sent again: %s", e.getMessage());
                } finally {
                    sentUnmarked.clear();
                    releaseLease(); // a graceful stop hands the relay over at once
                    draining.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Who this instance is as the holder of the relay lease (the {@code holder} column of {@code job_lease}). */
    public String holder() {
        return instance;
    }

    /** Gives the relay lease up (best effort) so that another instance need not wait for it to expire. */
    private void releaseLease() {
        leaseHeld = false;
        try {
            QuarkusTransaction.requiringNew().run(() -> leases.release(RELAY_LEASE, instance));
        } catch (RuntimeException e) {
            LOG.debugf("Could not release the relay lease, it expires on its own: %s", e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Publishes one batch. One transaction a round: it marks the events the previous round sent (the broker
     * acknowledged them; they wait in {@link #sentUnmarked} until this transaction, or the next poll's, commits), then
     * claims the next batch. Should the process die or that transaction fail first, those events are sent again
     * (at-least-once, as when a mark fails). Runs under {@link #draining}.
     *
     * @return how many events were published (0 when another instance holds the relay lease)
     */
    int relayOnce() {
        List<Unsent> batch;
        try {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                markSent();
                return claim();
            });
        } finally {
            sentUnmarked.clear(); // marked, or rolled back: then sent again, never marked from memory later
        }
        if (batch.isEmpty()) {
            return 0;
        }
        Round round = send(batch);
        if (round.refused.isEmpty() && round.unavailable == null) {
            sentUnmarked.addAll(round.acknowledged); // marked by the next round, in its claiming transaction
        } else {
            // a refusal is counted at once, and a round that stops the drain leaves nothing unmarked behind
            sentUnmarked.addAll(round.acknowledged);
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    markSent();
                    round.refused.forEach((id, reason) ->
                            repository.recordRefusal(id, reason, config.maxAttempts(), clock.instant()));
                });
            } finally {
                sentUnmarked.clear();
            }
        }
        published.increment(round.acknowledged.size());
        if (!round.refused.isEmpty()) {
            LOG.warnf("The broker refused %d outbox event(s): %s", round.refused.size(), round.refused.values());
        }
        if (round.unavailable != null) {
            throw new IllegalStateException("Kafka did not acknowledge outbox events: " + round.unavailable);
        }
        return round.acknowledged.size();
    }

    /** Marks the events sent and acknowledged but not yet marked as published, in the caller's transaction. */
    private void markSent() {
        if (!sentUnmarked.isEmpty()) {
            repository.markPublished(sentUnmarked, clock.instant());
        }
    }

    /**
     * The next batch, if this instance holds the relay lease. The lease is renewed only once a third of it has run
     * (a write and a commit every round before); in between, the batch's query itself checks it in the database, so a
     * lease given up or taken over is never trusted from memory.
     */
    private List<Unsent> claim() {
        long start = System.nanoTime(); // before the database's now(): the lease lasts at least until start + lease
        if (!leaseHeld || start - leaseRenewAt >= 0) {
            if (!leases.tryAcquire(RELAY_LEASE, instance, relayLease())) {
                leaseHeld = false;
                return List.of();
            }
            leaseHeld = true;
            leaseRenewAt = start + relayLease().toNanos() - renewalMargin().toNanos();
        }
        List<Unsent> unpublished =
                repository.nextUnpublished(config.batchSize(), RELAY_LEASE, instance, leaseNeededForARound());
        if (unpublished.isEmpty()) {
            leaseHeld = false; // the outbox is empty, or the lease is not ours: the next round asks again
        }
        return unpublished;
    }

    private static final class Round {
        final List<UUID> acknowledged = new ArrayList<>();
        final Map<UUID, String> refused = new LinkedHashMap<>();
        String unavailable;
    }

    private Round send(List<Unsent> batch) {
        Round round = new Round();
        Map<Unsent, Future<RecordMetadata>> acks = new LinkedHashMap<>();
        for (Unsent event : batch) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(event.topic(), event.aggregateId().toString(), event.payload());
            record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
            // the trace context in the payload, also as W3C headers for tools that read Kafka headers only
            if (event.traceparent() != null) {
                record.headers()
                        .add(new RecordHeader(
                                CloudEventCodec.TRACEPARENT_EXTENSION,
                                event.traceparent().getBytes(StandardCharsets.UTF_8)));
            }
            if (event.tracestate() != null) {
                record.headers()
                        .add(new RecordHeader(
                                CloudEventCodec.TRACESTATE_EXTENSION,
                                event.tracestate().getBytes(StandardCharsets.UTF_8)));
            }
            Future<RecordMetadata> ack;
            try {
                ack = producer.send(record);
            } catch (KafkaException e) { // serialisation, an interrupted wait for metadata
                ack = CompletableFuture.failedFuture(e);
            }
            acks.put(event, ack);
            if (ack.isDone() && failure(ack) instanceof RetriableException) {
                break; // no metadata within max.block.ms: the broker is unreachable, do not wait once per record
            }
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos() + 1_000_000_000L;
        Set<UUID> failedAggregates = new HashSet<>();
        for (Map.Entry<Unsent, Future<RecordMetadata>> entry : acks.entrySet()) {
            Unsent event = entry.getKey();
            Throwable failure = await(entry.getValue(), deadline);
            if (failedAggregates.contains(event.aggregateId())) {
                continue; // an earlier event of its aggregate failed: this one is sent again after it
            }
            if (failure == null) {
                round.acknowledged.add(event.id());
                continue;
            }
            failedAggregates.add(event.aggregateId());
            if (refusedForGood(failure)) {
                round.refused.put(event.id(), failure.getClass().getSimpleName() + ": " + failure.getMessage());
            } else if (round.unavailable == null) {
                round.unavailable = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            }
        }
        if (acks.size() < batch.size() && round.unavailable == null) {
            round.unavailable = "no metadata for the topics within max.block.ms";
        }
        return round;
    }

    /**
     * Refused for good: the broker would refuse the record again whatever happens (too large, invalid topic, not
     * serialisable, invalid). Anything else (broker unreachable, timeouts, a leader moving, a missing ACL) is not the
     * record's fault: it is retried, uncounted, for as long as it lasts.
     */
    static boolean refusedForGood(Throwable failure) {
        return failure instanceof RecordTooLargeException
                || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException
                || failure instanceof InvalidRecordException
                || failure instanceof SerializationException;
    }

    private static Throwable failure(Future<RecordMetadata> ack) {
        try {
            ack.get(0, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (TimeoutException e) {
            return null;
        }
    }

    /** The ack's failure, or null once it is acknowledged; a timeout when the deadline passes first. */
    private static Throwable await(Future<RecordMetadata> ack, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new org.apache.kafka.common.errors.InterruptException(e);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return new org.apache.kafka.common.errors.TimeoutException("no acknowledgement within send-timeout");
        }
    }

    /** Longer than a round can take, so another instance cannot take over while this one still sends. */
    private Duration relayLease() {
        return config.sendTimeout().multipliedBy(3).plusSeconds(10);
    }

    /**
     * What must be left of the lease when a round claims a batch: more than the round can take (metadata within half
     * the send timeout, then the acknowledgements within the send timeout and a second).
     */
    private Duration leaseNeededForARound() {
        return config.sendTimeout().multipliedBy(2);
    }

    /** The lease is renewed when less than this is left of it (by this process's clock, counted conservatively). */
    private Duration renewalMargin() {
        return leaseNeededForARound().plusSeconds(10);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void deleteOldPublished() {
        try {
            purgePublished();
        } catch (RuntimeException e) {
            LOG.warnf("Outbox purge failed, next run tries again: %s", e.getMessage());
        }
    }

    /**
     * Deletes the rows published before now minus the retention, in batches, by one instance at a time.
     *
     * @return how many were deleted; empty when another instance is purging
     */
    public OptionalLong purgePublished() {
        return prune.prune(
                "outbox-purge",
                "outbox_event",
                "published_at",
                clock.instant().minus(config.retention()),
                config.purgeBatchSize());
    }

    private long oldestPendingAge() {
        Instant oldest = repository.oldestUnpublished();
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
    }

    /** A figure read in its own transaction (and request context, off a request); -1 when the database failed. */
    long query(Callable<Long> figure) {
        try {
            if (Arc.container().requestContext().isActive()) {
                return QuarkusTransaction.requiringNew().call(figure);
            }
            ManagedContext context = Arc.container().requestContext();
            context.activate();
            try {
                return QuarkusTransaction.requiringNew().call(figure);
            } finally {
                context.terminate();
            }
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
