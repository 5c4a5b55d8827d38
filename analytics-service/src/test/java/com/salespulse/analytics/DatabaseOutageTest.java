package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.testsupport.DatabaseOutage;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under analytics' batch consumer: the database refuses every connection and the open ones are
 * terminated while 30 leads arrive. The batch waits (readiness DOWN) for longer than the retries of a bad batch last;
 * once the database is back every lead counts once in lead inflow and none of them is on the dead-letter topic
 * (issue 17: a failure the old filter of SQL states missed was retried and then each record of the batch parked).
 */
@QuarkusTest
@Tag("faults") // a fault of the database: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class DatabaseOutageTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final int DAYS = 3;
    private static final int LEADS_A_DAY = 10;

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DatabaseWait database;

    @Inject
    AgroalDataSource pool;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private DatabaseOutage outage;

    @BeforeEach
    void outageReady() {
        outage = new DatabaseOutage(jdbcUrl, () -> pool.flush(AgroalDataSource.FlushMode.IDLE));
    }

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void leadsArrivingWhileTheDatabaseIsDownCountOnceWhenItIsBackAndNoneIsDeadLettered() throws Exception {
        String tenant = TestTenants.fresh();
        String source = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> leads = new ArrayList<>();
        ConsumerTask<String, byte[]> deadLetters = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.ANALYTICS_DEAD_LETTER);
        try {
            long failedBefore = database.failedApplies();
            outage.begin();
            // 10 leads at 09:00 Moscow time on each of 2, 3 and 4 November
            for (int day = 0; day < DAYS; day++) {
                for (int i = 0; i < LEADS_A_DAY; i++) {
                    UUID lead = UUID.randomUUID();
                    leads.add(lead);
                    publish(lead, leadCreated(tenant, lead, source, "2026-11-0" + (2 + day) + "T06:00:00Z"));
                }
            }

            // each failed apply of the consumer's wait comes after the batch's own retries (6 attempts) failed: three
            // of them are 18 attempts, three times what a bad batch gets before its records are parked one by one
            await().atMost(Duration.ofSeconds(60)).until(() -> database.failedApplies() - failedBefore >= 3);
            assertThat(database.waitingConsumers()).isPositive();
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

            outage.end();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> inflow(tenant, source).getLong("figures.total") >= DAYS * LEADS_A_DAY);
            JsonPath inflow = inflow(tenant, source);
            assertThat(inflow.getLong("figures.total")).isEqualTo(30);
            assertThat(inflow.getList("figures.buckets.start"))
                    .containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04");
            assertThat(inflow.getList("figures.buckets.count", Integer.class)).containsExactly(0, 10, 10, 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> database.waitingConsumers() == 0);
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

            // a bad record behind the last lead on its partition is parked; none of the leads was
            UUID last = leads.get(leads.size() - 1);
            publish(last, "not an event".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !ofKeys(deadLetters, Set.of(last)).isEmpty());
            assertThat(ofKeys(deadLetters, Set.copyOf(leads)))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly("not an event");
            assertThat(inflow(tenant, source).getLong("figures.total")).isEqualTo(30);
        } finally {
            deadLetters.stop();
        }
    }

    private static byte[] leadCreated(String tenant, UUID lead, String source, String at) {
        return CODEC.encode(
                new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.parse(at), tenant, "user:test"),
                LeadEvents.lead(lead, source, null, "Client", at));
    }

    /** On the lead topic, keyed by the lead (one lead's records on one partition), as the outbox relay sends. */
    private void publish(UUID key, byte[] value) {
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(
                        Topics.LEAD_EVENTS,
                        null,
                        key.toString(),
                        value,
                        new RecordHeaders()
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .awaitCompletion();
    }

    private static JsonPath inflow(String tenant, String source) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("from", "2026-11-01")
                .queryParam("to", "2026-11-04")
                .queryParam("source", source)
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<ConsumerRecord<String, byte[]>> ofKeys(ConsumerTask<String, byte[]> task, Set<UUID> keys) {
        Set<String> wanted = keys.stream().map(UUID::toString).collect(Collectors.toSet());
        return task.getRecords().stream()
                .filter(record -> wanted.contains(record.key()))
                .toList();
    }
}
