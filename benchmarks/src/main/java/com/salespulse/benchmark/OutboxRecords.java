package com.salespulse.benchmark;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A domain event as the services' outbox relay sends it (reliable-messaging's {@code OutboxRelay}): a structured
 * CloudEvent from the contract's {@link CloudEventCodec}, on its event type's topic, keyed by the aggregate id, with
 * the {@code content-type} header; the source is the emitting service's ({@code salespulse.outbox.source}).
 */
final class OutboxRecords {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final URI LEAD_SERVICE = URI.create("/salespulse/lead-service");
    private static final URI DEAL_SERVICE = URI.create("/salespulse/deal-service");
    private static final byte[] CONTENT_TYPE = CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private OutboxRecords() {}

    static ProducerRecord<String, byte[]> record(
            UUID eventId, Instant recordedAt, String tenant, String actor, DomainEvent data) {
        EventType type = EventType.of(data);
        URI source = type.topic().equals(Topics.DEAL_EVENTS) ? DEAL_SERVICE : LEAD_SERVICE;
        byte[] value = CODEC.encode(new EventMetadata(eventId, source, recordedAt, tenant, actor), data);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(type.topic(), data.aggregateId().toString(), value);
        record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
        return record;
    }
}
