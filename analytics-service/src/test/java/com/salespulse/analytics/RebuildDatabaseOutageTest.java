package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.analytics.replay.ReadModelRebuild;
import com.salespulse.analytics.replay.RebuildProgress;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.security.ActingScope;
import com.salespulse.testsupport.DatabaseOutage;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 6 s while a rebuild applies with three appliers side by side, and while leads keep
 * arriving: the rebuild's batches met by it are applied again, so it either rides the outage out or ends FAILED with
 * the live generation answering (it never skips an event and swaps), and then is started again; the live consumer
 * waits for the database; nothing is dead-lettered; once the database is back every lead counts once, in the rebuilt
 * generation too.
 */
@QuarkusTest
@Tag("faults") // a fault of the database: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
@TestProfile(RebuildDatabaseOutageTest.SmallBatches.class)
class RebuildDatabaseOutageTest {

    /** A broker and database of its own (no other test's refused events), and small batches: a rebuild of many. */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("salespulse.rebuild.batch-size", "10");
        }
    }

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    // enough for the rebuild to run for seconds: its progress is stored at most once a second, so a rebuild done
    // within about a second (3 000 leads on a quiet machine) showed its first applied events already SWAPPING, and
    // the outage came after it instead of during it
    private static final int LEADS = 10_000;

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource pool;

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    ActingScope acting;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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
    void anOutageDuringARebuildWithSeveralAppliersFailsItDeadLettersNothingAndTheNextRebuildGoesLive()
            throws SQLException {
        String tenant = TestTenants.fresh();
        String source = "rebuild-outage-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            leads.add(UUID.randomUUID());
        }
        publish(tenant, source, leads);
        await().atMost(Duration.ofSeconds(120)).until(() -> inflow(tenant, source) == LEADS);
        ConsumerTask<String, byte[]> deadLetters = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.ANALYTICS_DEAD_LETTER);
        try {
            int live = liveGeneration();
            RebuildProgress started = acting.call(ActingScope.NO_TENANT, "user:ops-test", () -> rebuild.start(3));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> rebuild.progress().eventsApplied() > 0);
            RebuildProgress before = rebuild.progress();
            assertThat(before.state()).isEqualTo(RebuildProgress.State.RUNNING);
            assertThat(before.appliers()).isEqualTo(3);

            outage.begin();
            List<UUID> meanwhile = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                meanwhile.add(UUID.randomUUID());
            }
            publish(tenant, source, meanwhile);
            // longer than a rebuild batch's attempts (about 1.5 s of them)
            LockSupport.parkNanos(Duration.ofSeconds(6).toNanos());
            outage.end();

            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> rebuild.progress().state() == RebuildProgress.State.FAILED
                            || rebuild.progress().state() == RebuildProgress.State.DONE);
            RebuildProgress ended = rebuild.progress();
            assertThat(ended.id()).isEqualTo(started.id());
            // the batches met by the outage are applied again (each attempt waits for a connection): a short outage
            // is ridden out and the rebuild goes live; one that outlasts the attempts fails it, the live generation
            // staying, and it is started again — either way no event is skipped and none is dead-lettered
            System.out.println("[faults] rebuild through a database outage: " + ended.state() + " "
                    + (ended.error() == null ? "" : ended.error()));
            if (ended.state() == RebuildProgress.State.FAILED) {
                assertThat(liveGeneration()).as("the live generation stays").isEqualTo(live);
                await().atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(() -> inflow(tenant, source) == LEADS + 20);
                acting.call(ActingScope.NO_TENANT, "user:ops-test", () -> rebuild.start(3));
                await().atMost(Duration.ofSeconds(180))
                        .until(() -> rebuild.progress().state() == RebuildProgress.State.DONE
                                || rebuild.progress().state() == RebuildProgress.State.FAILED);
            }
            assertThat(rebuild.progress().state()).isEqualTo(RebuildProgress.State.DONE);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> inflow(tenant, source) == LEADS + 20);
            assertThat(liveGeneration()).isEqualTo(live + 1);
            assertThat(inflow(tenant, source)).isEqualTo(LEADS + 20);

            Set<String> keys = new java.util.HashSet<>();
            leads.forEach(lead -> keys.add(lead.toString()));
            meanwhile.forEach(lead -> keys.add(lead.toString()));
            assertThat(deadLetters.getRecords().stream()
                            .filter(record -> keys.contains(record.key()))
                            .collect(Collectors.toList()))
                    .as("dead-lettered")
                    .isEmpty();
        } finally {
            deadLetters.stop();
        }
    }

    private int liveGeneration() throws SQLException {
        try (Connection connection = pool.getConnection();
                ResultSet row =
                        connection.createStatement().executeQuery("select live_gen from read_model_generation")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Lead creations on the lead topic, keyed by the lead, as the outbox relay sends them. */
    private void publish(String tenant, String source, List<UUID> leads) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < leads.size(); i++) {
                String at = "2026-11-0" + (2 + i % 3) + "T06:00:00Z";
                producer.send(new ProducerRecord<>(
                        Topics.LEAD_EVENTS,
                        null,
                        leads.get(i).toString(),
                        CODEC.encode(
                                new EventMetadata(
                                        UUID.randomUUID(), URI.create("/test"), Instant.parse(at), tenant, "user:test"),
                                LeadEvents.lead(leads.get(i), source, null, "Client", at)),
                        new RecordHeaders()
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
        }
    }

    private static long inflow(String tenant, String source) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("from", "2026-11-01")
                .queryParam("to", "2026-11-04")
                .queryParam("source", source)
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("figures.total");
    }
}
