package com.salespulse.messaging.outbox;

import com.salespulse.contract.CloudEventCodec;
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
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, oldest first, then marks them published.
 * <ul>
 * <li>One relay at a time across all instances (a PostgreSQL advisory lock), so per-aggregate order holds; several
 * workers with SKIP LOCKED would reorder an aggregate's events.</li>
 * <li>No cursor on {@code seq}: a transaction that commits late with a lower seq is simply picked up in the next
 * round, because the relay always asks for "unpublished", not "after the last seq".</li>
 * <li>Send, wait for every acknowledgement, then mark in the same database transaction. If the process dies or the
 * mark fails after the send, the rows stay unpublished and are sent again: at-least-once. Consumers drop the
 * duplicate by its CloudEvent id.</li>
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
    private final AtomicBoolean drainRequested = new AtomicBoolean();
    /** A nudge waits in {@link #nudges} and has not begun: later commits need not queue another. */
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();

    private final ReentrantLock draining = new ReentrantLock();
    /** One thread: nudges queue up behind a running drain instead of competing with it. */
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxRelay(
            OutboxEventRepository repository,
            Producer<String, byte[]> producer,
            OutboxConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.repository = repository;
        this.producer = producer;
        this.config = config;
        this.clock = clock;
        this.published = Counter.builder("salespulse.outbox.published")
                .description("Outbox events published to Kafka")
                .register(registry);
        Gauge.builder("salespulse.outbox.pending", this, relay -> relay.pendingCount())
                .description("Outbox events committed but not yet published")
                .register(registry);
    }

    /**
     * A commit wrote to the outbox: relay now rather than at the next poll. At most one nudge waits at a time: the
     * commits that arrive while it waits (every event of a transaction is one, and a burst of requests many) are
     * relayed by its drain, which reads the outbox after they committed. One round per commit used to cost a
     * transaction, a query and a broker flush per event.
     */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (nudgeQueued.compareAndSet(false, true)) {
            nudges.execute(() -> {
                // cleared before the drain reads: a commit after this point queues the next nudge
                nudgeQueued.set(false);
                drain();
            });
        }
    }

    @Scheduled(
            every = "${salespulse.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
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
                return; // the next commit or poll tries again; do not spin on a broken broker or database
            } finally {
                draining.unlock();
            }
        }
    }

    @PreDestroy
    void stopNudges() {
        nudges.shutdownNow();
    }

    /**
     * Publishes one batch.
     *
     * @return how many events were published (0 when another instance holds the relay lock)
     */
    public int relayOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!repository.tryRelayLock()) {
                return 0;
            }
            List<OutboxEvent> batch = repository.nextUnpublished(config.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxEvent event : batch) {
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(event.topic, event.aggregateId.toString(), event.payload);
                record.headers()
                        .add(new RecordHeader(
                                "content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                await(ack);
            }
            List<UUID> ids = batch.stream().map(e -> e.id).toList();
            repository.markPublished(ids, clock.instant());
            published.increment(ids.size());
            return ids.size();
        });
    }

    @Scheduled(every = "1h", delayed = "1m")
    @ActivateRequestContext
    void deleteOldPublished() {
        QuarkusTransaction.requiringNew()
                .run(() -> repository.deletePublishedBefore(clock.instant().minus(config.retention())));
    }

    long pendingCount() {
        try {
            return Arc.container().requestContext().isActive()
                    ? QuarkusTransaction.requiringNew().call(repository::countUnpublished)
                    : countInNewRequestContext();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private long countInNewRequestContext() {
        ManagedContext context = Arc.container().requestContext();
        context.activate();
        try {
            return QuarkusTransaction.requiringNew().call(repository::countUnpublished);
        } finally {
            context.terminate();
        }
    }

    private void await(Future<RecordMetadata> ack) {
        try {
            ack.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge an outbox event: " + e.getMessage(), e);
        }
    }
}
