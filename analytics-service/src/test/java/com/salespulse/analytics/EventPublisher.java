package com.salespulse.analytics;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes one tenant's events (built by {@link LeadEvents}, {@link RosterEvents}, {@link DealEvents}) as the outbox
 * relay would: structured CloudEvents on the event type's topic, keyed by the aggregate id (so one card's events stay
 * in order).
 */
final class EventPublisher {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private final KafkaCompanion kafka;
    private final String tenant;

    EventPublisher(KafkaCompanion kafka, String tenant) {
        this.kafka = kafka;
        this.tenant = tenant;
    }

    /** Publishes the events in order, each stamped with its own business time. */
    void publish(DomainEvent... events) {
        for (DomainEvent data : events) {
            EventType type = EventType.of(data);
            byte[] value = CODEC.encode(
                    new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"),
                    data);
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(
                            type.topic(),
                            null,
                            data.aggregateId().toString(),
                            value,
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                    .awaitCompletion();
        }
    }
}
