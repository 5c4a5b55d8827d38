package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.ManagementInterface;
import com.salespulse.testsupport.TestTenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A record the broker refuses for good (larger than its topic's {@code max.message.bytes}) must not hold up the
 * whole service's events: after a few refusals it is quarantined, the later events of its aggregate wait behind it,
 * the other aggregates' events flow on, and the quarantine shows on a metric and on the {@code outbox} health check.
 */
@QuarkusTest
@Tag("faults") // a fault of the database, the broker or a receiver: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class OutboxQuarantineTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    OutboxEventRepository outbox;

    @Inject
    MeterRegistry registry;

    private String tenant;

    @Test
    void aRecordTheBrokerRefusesIsQuarantinedAndOtherAggregatesFlowOn() throws Exception {
        tenant = TestTenants.fresh();
        String topic = "outbox-small-" + UUID.randomUUID();
        kafka.getOrCreateAdminClient()
                .createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "1024"))))
                .all()
                .get();
        UUID refusedAggregate = UUID.randomUUID();
        UUID otherAggregate = UUID.randomUUID();
        UUID tooLarge = write(refusedAggregate, topic, 40_000); // over batch.size: a batch of its own
        UUID behindIt = write(refusedAggregate, topic, 100);
        UUID other = write(otherAggregate, topic, 100);

        // the relay polls every second; the refused record is tried max-attempts (5) times, then set aside
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> row(tooLarge).quarantinedAt != null);

        assertThat(row(tooLarge).attempts).isEqualTo(5);
        assertThat(row(tooLarge).lastError).contains("RecordTooLargeException");
        assertThat(row(other).publishedAt).isNotNull();
        assertThat(LeadEvents.awaitRecordsWithKey(kafka, topic, otherAggregate.toString(), 1))
                .hasSize(1);
        // the later event of the refused aggregate waits, to keep that aggregate's order: once its predecessor was
        // refused it is no longer sent; only the copy in flight with that first refusal reached the topic
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(row(behindIt).publishedAt).isNull();
        assertThat(LeadEvents.awaitRecordsWithKey(kafka, topic, refusedAggregate.toString(), 0))
                .hasSizeLessThanOrEqualTo(1);

        assertThat(registry.get("salespulse.outbox.quarantined").gauge().value())
                .isEqualTo(1.0);
        HttpResponse<String> health = ManagementInterface.get("/q/health/group/outbox");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).containsPattern("\"quarantined\"\\s*:\\s*1\\b");
        assertThat(ManagementInterface.get("/q/health/ready").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void removeTheRows() {
        if (tenant != null) {
            QuarkusTransaction.requiringNew().run(() -> outbox.delete("tenantId", tenant));
        }
    }

    private UUID write(UUID aggregate, String topic, int size) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.getEntityManager()
                        .createNativeQuery("""
                                insert into outbox_event
                                    (id, tenant_id, aggregate_type, aggregate_id, event_type, topic, payload, created_at)
                                values (?1, ?2, 'lead', ?3, 'test.event', ?4, ?5, ?6)""")
                        .setParameter(1, id)
                        .setParameter(2, tenant)
                        .setParameter(3, aggregate)
                        .setParameter(4, topic)
                        .setParameter(5, new byte[size])
                        .setParameter(6, Instant.now())
                        .executeUpdate());
        return id;
    }

    private com.salespulse.messaging.outbox.OutboxEvent row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.findById(id));
    }
}
