package com.salespulse.analytics.projection;

import com.salespulse.analytics.alert.AlertEngine;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.messaging.inbox.TransientFailure;
import com.salespulse.messaging.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Applies the suite's event topics to the read model ({@link EventTopicsConsumer} hands its batches here), a polled
 * batch of the three topics at a time (one transaction per batch; the connector commits the offsets after the method
 * returns). Records of one partition are applied in order.
 * <ul>
 * <li>A record that is not a valid event is parked on the dead-letter topic with the reason; the rest of its batch is
 * applied.</li>
 * <li>A batch that fails is retried ({@link LiveApplier}); if it still fails, its records are applied one at a time
 * and the one that fails on its own is parked on the dead-letter topic, so one bad event does not hold up a
 * partition.</li>
 * <li>A failure that says the database cannot be used ({@link TransientFailure}: connection lost, refused, out of
 * connections, shutting down, a deadlock) parks nothing: the consumer waits ({@link DatabaseWait}, readiness DOWN)
 * and applies the batch again once the database answers — an event is never skipped because the database was away,
 * and no restart is needed (the fault suite's T4: the channel used to stop for good until the process restarted).</li>
 * </ul>
 */
@ApplicationScoped
public class BatchIngest {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final LiveApplier live;
    private final DeadLetters deadLetters;
    private final AlertEngine alerts;
    private final MeterRegistry registry;
    private final EventTracing tracing;
    private final DatabaseWait database;

    public BatchIngest(
            LiveApplier live,
            DeadLetters deadLetters,
            AlertEngine alerts,
            MeterRegistry registry,
            EventTracing tracing,
            DatabaseWait database) {
        this.tracing = tracing;
        this.database = database;
        this.live = live;
        this.deadLetters = deadLetters;
        this.alerts = alerts;
        this.registry = registry;
    }

    /** The name of the span of a batch apply. */
    public static final String SPAN = EventTopicsConsumer.CHANNEL + " apply";

    private record Decoded(ConsumerRecord<String, byte[]> record, ReceivedEvent event) {}

    /**
     * Registers the ingest's meters at 0 for each topic, so that {@code /q/metrics} lists them before the first event
     * and an alert on their increase sees the first one.
     */
    void registerMeters(@Observes StartupEvent startup) {
        for (String topic : List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS)) {
            for (String outcome : List.of("applied", "duplicate", "malformed", "failed")) {
                registry.counter("salespulse.events.consumed", "topic", topic, "outcome", outcome);
            }
            registry.counter("salespulse.events.dead-lettered", "topic", topic);
            registry.timer("salespulse.events.apply.delay", "topic", topic);
            registry.summary("salespulse.events.batch.size", "topic", topic);
        }
    }

    /** Applies one polled batch of records of the event topics (the consumer hands it over). */
    public void ingest(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            registry.summary("salespulse.events.batch.size", "topic", partition.topic())
                    .record(records.records(partition).size());
        }
        List<Decoded> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(new Decoded(record, codec.decode(record.value())));
            } catch (MalformedEventException e) {
                deadLetters.park(record, e);
                count(record.topic(), "malformed", 1);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            database.apply(EventTopicsConsumer.CHANNEL, () -> applied(batch, apply(batch)));
        } catch (RuntimeException batchFailure) {
            // not the database (DatabaseWait waits that out): one record spoils the batch; find it by applying one at
            // a time
            for (Decoded one : batch) {
                try {
                    database.apply(EventTopicsConsumer.CHANNEL, () -> applied(List.of(one), apply(List.of(one))));
                } catch (RuntimeException e) {
                    deadLetters.park(one.record(), e);
                    count(one.record().topic(), "failed", 1);
                }
            }
        }
    }

    /**
     * Applies the events in one span: linked to the events' traces (one span per batch, not per event, on this hot
     * path), or a child of the only event's trace.
     */
    private EventApplier.Applied apply(List<Decoded> batch) {
        return tracing.processBatch(
                SPAN,
                batch.stream().map(one -> one.event().metadata()).toList(),
                () -> live.apply(batch.stream().map(Decoded::event).toList()));
    }

    /** Counts the records per topic: applied now, or a repeat of an event applied before (or earlier in the batch). */
    private void applied(List<Decoded> batch, EventApplier.Applied applied) {
        applied.tenants().forEach(alerts::changed);
        Set<UUID> first = new HashSet<>(applied.firstDeliveries());
        Map<String, int[]> perTopic = new TreeMap<>();
        Map<String, Instant> oldestPerTopic = new TreeMap<>();
        for (Decoded one : batch) {
            int[] counts = perTopic.computeIfAbsent(one.record().topic(), t -> new int[2]);
            counts[first.remove(one.event().metadata().id()) ? 0 : 1]++;
            oldestPerTopic.merge(one.record().topic(), one.event().metadata().time(), (a, b) -> a.isBefore(b) ? a : b);
        }
        perTopic.forEach((topic, counts) -> {
            count(topic, "applied", counts[0]);
            count(topic, "duplicate", counts[1]);
        });
        // freshness: how long the batch's oldest event of each topic waited between its write and its apply (one
        // figure per topic and batch, not per event); Prometheus: salespulse_events_apply_delay_seconds_{max,sum,count}
        Instant now = Instant.now();
        oldestPerTopic.forEach((topic, oldest) -> registry.timer("salespulse.events.apply.delay", "topic", topic)
                .record(Duration.between(oldest, now).isNegative() ? Duration.ZERO : Duration.between(oldest, now)));
    }

    private void count(String topic, String outcome, int events) {
        if (events > 0) {
            registry.counter("salespulse.events.consumed", "topic", topic, "outcome", outcome)
                    .increment(events);
        }
    }
}
