package com.salespulse.notification;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertResolved;
import com.salespulse.contract.alert.AlertType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alert events as analytics-service puts them on the alert topic. */
final class Alerts {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private Alerts() {}

    static AlertRaised overdueTasks(UUID managerId, Instant at) {
        return overdueTasks(managerId, "OVERDUE_TASKS:manager:" + managerId, at);
    }

    /** With a condition key of the test's choosing: alerts of different conditions are not held back by the cooldown. */
    static AlertRaised overdueTasks(UUID managerId, String conditionKey, Instant at) {
        return new AlertRaised(
                UUID.randomUUID(),
                AlertType.OVERDUE_TASKS,
                conditionKey,
                managerId,
                null,
                "WARNING",
                "Ivan Petrov has 7 overdue tasks",
                "7 tasks are past their due date; the limit is 5.",
                Map.of("overdueTasks", new BigDecimal("7"), "limit", new BigDecimal("5")),
                "/api/v1/metrics/overdue-tasks?managerId=" + managerId,
                at,
                "Ivan Petrov");
    }

    static AlertResolved resolutionOf(AlertRaised raised, Instant at) {
        return new AlertResolved(
                raised.alertId(),
                raised.alertType(),
                raised.conditionKey(),
                raised.managerId(),
                raised.teamId(),
                "Overdue tasks are back under the limit.",
                Map.of("overdueTasks", new BigDecimal("2"), "limit", new BigDecimal("5")),
                at);
    }

    /** The encoded CloudEvent, so a test can put the very same record on the topic twice. */
    static byte[] encode(String tenant, DomainEvent data) {
        return encode(UUID.randomUUID(), tenant, data);
    }

    static byte[] encode(UUID eventId, String tenant, DomainEvent data) {
        return encode(eventId, tenant, data, null);
    }

    /** The encoded CloudEvent as written in the trace {@code traceparent} names (the tracing extension). */
    static byte[] encode(UUID eventId, String tenant, DomainEvent data, String traceparent) {
        return CODEC.encode(
                new EventMetadata(
                        eventId,
                        URI.create("/salespulse/analytics-service"),
                        Instant.now(),
                        tenant,
                        "system:analytics-service",
                        traceparent,
                        null),
                data);
    }

    static void publish(KafkaCompanion kafka, UUID alertId, byte[]... records) {
        ProducerRecord<String, byte[]>[] batch = new ProducerRecord[records.length];
        for (int i = 0; i < records.length; i++) {
            batch[i] = new ProducerRecord<>(Topics.ALERT_EVENTS, alertId.toString(), records[i]);
        }
        kafka.produce(String.class, byte[].class).fromRecords(batch).awaitCompletion();
    }

    /** Publishes the event under its aggregate's key; answers its event id. */
    static UUID publish(KafkaCompanion kafka, String tenant, DomainEvent data) {
        UUID eventId = UUID.randomUUID();
        publish(kafka, data.aggregateId(), encode(eventId, tenant, data));
        return eventId;
    }
}
