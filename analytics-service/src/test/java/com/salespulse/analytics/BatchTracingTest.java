package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.analytics.projection.BatchIngest;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * analytics applies a polled batch in one span, not one per event (the apply is its hot path): the span links to the
 * trace of each event's writer, as the CloudEvent's traceparent names it, so a lead's trace leads to the apply that
 * counted it. A batch of one event continues that event's trace as its child.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class BatchTracingTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    BatchIngest ingest;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aBatchIsOneSpanLinkedToEachWritersTrace() {
        String tenant = TestTenants.fresh();
        // two leads written by one request of trace A (one writer span), one by trace B, one outside any trace
        List<byte[]> events = List.of(
                event(tenant, "00-" + TRACE_A + "-b7ad6b7169203331-01"),
                event(tenant, "00-" + TRACE_A + "-b7ad6b7169203331-01"),
                event(tenant, "00-" + TRACE_B + "-00f067aa0ba902b7-01"),
                event(tenant, null));

        ingest.ingest(records(events));

        SpanData apply = awaitApplySpanWith(4);
        assertThat(apply.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(apply.getParentSpanContext().isValid()).isFalse();
        assertThat(apply.getLinks())
                .extracting(link -> link.getSpanContext().getTraceId() + "/"
                        + link.getSpanContext().getSpanId())
                .containsExactlyInAnyOrder(TRACE_A + "/b7ad6b7169203331", TRACE_B + "/00f067aa0ba902b7");
        assertThat(apply.getLinks()).allMatch(link -> link.getSpanContext().isRemote());
    }

    @Test
    void aBatchOfOneEventContinuesItsTrace() {
        String tenant = TestTenants.fresh();

        ingest.ingest(records(List.of(event(tenant, "00-" + TRACE_B + "-a3ce929d0e0e4736-01"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> childOf("a3ce929d0e0e4736") != null);
        SpanData apply = childOf("a3ce929d0e0e4736");
        assertThat(apply.getTraceId()).isEqualTo(TRACE_B);
        assertThat(apply.getLinks()).isEmpty();
    }

    private SpanData childOf(String spanId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(BatchIngest.SPAN))
                .filter(span -> span.getParentSpanId().equals(spanId))
                .findFirst()
                .orElse(null);
    }

    private SpanData awaitApplySpanWith(long events) {
        AttributeKey<Long> count = AttributeKey.longKey("messaging.batch.message_count");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .anyMatch(span -> span.getName().equals(BatchIngest.SPAN)
                                && Long.valueOf(events)
                                        .equals(span.getAttributes().get(count))
                                && span.getLinks().stream()
                                        .map(LinkData::getSpanContext)
                                        .anyMatch(c -> c.getTraceId().equals(TRACE_A))));
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(BatchIngest.SPAN)
                        && Long.valueOf(events).equals(span.getAttributes().get(count))
                        && span.getLinks().stream()
                                .map(LinkData::getSpanContext)
                                .anyMatch(c -> c.getTraceId().equals(TRACE_A)))
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    private static byte[] event(String tenant, String traceparent) {
        DomainEvent lead = LeadEvents.lead(UUID.randomUUID(), "website", null, "Anna", "2026-11-27T09:00:00Z");
        return CODEC.encode(
                new EventMetadata(
                        UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test", traceparent, null),
                lead);
    }

    private static ConsumerRecords<String, byte[]> records(List<byte[]> values) {
        String topic = EventType.LEAD_CREATED.topic();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long offset = 0;
        for (byte[] value : values) {
            records.add(
                    new ConsumerRecord<>(topic, 0, offset++, UUID.randomUUID().toString(), value));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records));
    }
}
