package com.salespulse.analytics.projection;

import com.salespulse.analytics.alert.AlertEngine;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Applies the suite's event topics to the read model (each topic's {@code <Topic>Consumer} hands its batches here), a polled batch at a time (one transaction per batch; the
 * connector commits the offsets after the method returns). Records of one partition are applied in order.
 * <ul>
 * <li>A record that is not a valid event is parked on the dead-letter topic with the reason; the rest of its batch is
 * applied.</li>
 * <li>A batch that fails is retried ({@link LiveApplier}); if it still fails, its records are applied one at a time
 * and the one that fails on its own is parked on the dead-letter topic, so one bad event does not hold up a
 * partition.</li>
 * <li>A failure that says the database cannot be used (connection lost, out of resources, shutting down) parks
 * nothing: it stops the channel ({@code failure-strategy=fail}), health turns DOWN, and after a restart the
 * uncommitted records are read again — an event is never skipped because the database was away.</li>
 * </ul>
 */
@ApplicationScoped
public class BatchIngest {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final LiveApplier live;
    private final DeadLetters deadLetters;
    private final AlertEngine alerts;
    private final MeterRegistry registry;

    public BatchIngest(LiveApplier live, DeadLetters deadLetters, AlertEngine alerts, MeterRegistry registry) {
        this.live = live;
        this.deadLetters = deadLetters;
        this.alerts = alerts;
        this.registry = registry;
    }

    private record Decoded(ConsumerRecord<String, byte[]> record, ReceivedEvent event) {}

    /** Applies one polled batch of the topic's records (the topic's consumer hands it over). */
    public void ingest(String topic, ConsumerRecords<String, byte[]> records) {
        registry.summary("salespulse.events.batch.size", "topic", topic).record(records.count());
        List<Decoded> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(new Decoded(record, codec.decode(record.value())));
            } catch (MalformedEventException e) {
                deadLetters.park(record, e);
                count(topic, "malformed", 1);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            applied(topic, live.apply(batch.stream().map(Decoded::event).toList()));
        } catch (RuntimeException batchFailure) {
            stopIfUnavailable(batchFailure);
            // one record spoils the batch: find it by applying one at a time
            for (Decoded one : batch) {
                try {
                    applied(topic, live.apply(List.of(one.event())));
                } catch (RuntimeException e) {
                    stopIfUnavailable(e);
                    deadLetters.park(one.record(), e);
                    count(topic, "failed", 1);
                }
            }
        }
    }

    private void applied(String topic, EventApplier.Applied applied) {
        applied.tenants().forEach(alerts::changed);
        count(topic, "applied", applied.applied());
        count(topic, "duplicate", applied.duplicates());
    }

    private void count(String topic, String outcome, int events) {
        if (events > 0) {
            registry.counter("salespulse.events.consumed", "topic", topic, "outcome", outcome)
                    .increment(events);
        }
    }

    /** Rethrows a failure that is about the database, not about the events: applying them again later will work. */
    private static void stopIfUnavailable(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException) {
                throw failure;
            }
            // SQL states: 08 connection, 53 insufficient resources, 57 operator intervention (shutdown)
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && List.of("08", "53", "57").contains(sql.getSQLState().substring(0, 2))) {
                throw failure;
            }
        }
    }
}
