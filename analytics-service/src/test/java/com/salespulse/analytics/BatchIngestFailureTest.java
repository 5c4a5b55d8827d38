package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.alert.AlertEngine;
import com.salespulse.analytics.projection.BatchIngest;
import com.salespulse.analytics.projection.DeadLetters;
import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.projection.LiveApplier;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.messaging.inbox.InboxConfig;
import com.salespulse.messaging.tracing.EventTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

/**
 * How analytics' batch consumer treats a failed apply, without a database: a pool acquisition timeout (a
 * {@link SQLException} without a state, as Hibernate wraps Agroal's), a deadlock and a serialization failure are the
 * database's, so the batch is applied again until it is taken and nothing is dead-lettered; a broken constraint is
 * the event's own, so its record is parked and the others of the batch applied.
 */
class BatchIngestFailureTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private final List<Set<UUID>> appliedBatches = new ArrayList<>();
    private final DatabaseWait database = new DatabaseWait(new InboxConfig() {
        @Override
        public Duration databaseRetryFirstPause() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration databaseRetryLongestPause() {
            return Duration.ofMillis(2);
        }
    });

    @Test
    void aPoolTimeoutADeadlockAndASerializationFailureAreWaitedOutAndNothingIsDeadLettered() {
        failures.add(new GenericJDBCException(
                "Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection")));
        failures.add(new LockAcquisitionException("deadlock", new SQLException("deadlock detected", "40P01")));
        failures.add(new GenericJDBCException(
                "could not serialize", new SQLException("could not serialize access", "40001")));
        List<ConsumerRecord<String, byte[]>> records = List.of(record(0), record(1), record(2));

        ingest().ingest(batch(records));

        assertThat(parked).isEmpty();
        assertThat(database.failedApplies()).isEqualTo(3);
        // the three failures were the whole batch's; the fourth apply took all three events at once
        assertThat(appliedBatches).hasSize(1);
        assertThat(appliedBatches.get(0)).hasSize(3);
        assertThat(registry.counter("salespulse.events.consumed", "topic", Topics.LEAD_EVENTS, "outcome", "applied")
                        .count())
                .isEqualTo(3);
        assertThat(database.waitingConsumers()).isZero();
    }

    @Test
    void aBrokenConstraintParksOnlyTheRecordThatBreaksIt() {
        List<ConsumerRecord<String, byte[]>> records = List.of(record(0), record(1), record(2));
        UUID spoiler = eventId(records.get(1));
        ConstraintViolationException broken =
                new ConstraintViolationException("dup", new SQLException("duplicate key", "23505"), "some_key");
        ingest(events -> events.stream().anyMatch(e -> e.metadata().id().equals(spoiler)) ? broken : null)
                .ingest(batch(records));

        assertThat(parked).containsExactly(records.get(1));
        assertThat(database.failedApplies()).isZero();
        assertThat(appliedBatches).containsExactly(Set.of(eventId(records.get(0))), Set.of(eventId(records.get(2))));
    }

    private BatchIngest ingest() {
        return ingest(events -> failures.poll());
    }

    /** A batch ingest whose applier throws what {@code failure} says for the events, or applies them. */
    private BatchIngest ingest(java.util.function.Function<List<ReceivedEvent>, RuntimeException> failure) {
        LiveApplier live = new LiveApplier(null) {
            @Override
            public EventApplier.Applied apply(List<ReceivedEvent> events) {
                RuntimeException fails = failure.apply(events);
                if (fails != null) {
                    throw fails;
                }
                Set<UUID> ids = events.stream().map(e -> e.metadata().id()).collect(Collectors.toSet());
                appliedBatches.add(ids);
                return new EventApplier.Applied(events.size(), 0, Set.of(), ids);
            }
        };
        DeadLetters deadLetters = new DeadLetters(null, registry) {
            @Override
            public void park(ConsumerRecord<String, byte[]> record, Exception reason) {
                parked.add(record);
            }
        };
        // alerts are evaluated later, on a tick this test does not run
        AlertEngine alerts = new AlertEngine(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                registry,
                Duration.ZERO,
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                1,
                1);
        return new BatchIngest(live, deadLetters, alerts, registry, new EventTracing(OpenTelemetry.noop()), database);
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        UUID lead = UUID.randomUUID();
        byte[] value = CODEC.encode(
                new EventMetadata(
                        UUID.randomUUID(),
                        URI.create("/test"),
                        Instant.parse("2026-11-02T06:00:00Z"),
                        "tenant-a",
                        "user:test"),
                LeadEvents.lead(lead, "web", null, "Client", "2026-11-02T06:00:00Z"));
        return new ConsumerRecord<>(Topics.LEAD_EVENTS, 0, offset, lead.toString(), value);
    }

    private static UUID eventId(ConsumerRecord<String, byte[]> record) {
        return CODEC.decode(record.value()).metadata().id();
    }

    private static ConsumerRecords<String, byte[]> batch(List<ConsumerRecord<String, byte[]>> records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.LEAD_EVENTS, 0), records));
    }
}
