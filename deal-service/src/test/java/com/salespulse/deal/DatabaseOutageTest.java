package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static com.salespulse.deal.LeadEvents.conversion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.testsupport.DatabaseOutage;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away while leads are converted: the database refuses every connection and the open ones are
 * terminated. The conversions wait on their partitions (readiness DOWN) for longer than the retries of a bad record
 * would last; once the database is back every one of them opens its deal, exactly once, and none of them is on the
 * dead-letter topic (issue 17: 29 of 30 deals never opened when a lost connection was dead-lettered).
 */
@QuarkusTest
@Tag("faults") // a fault of the database, the broker or a receiver: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class DatabaseOutageTest {

    private static final String DEAD_LETTER = "salespulse.deal.dead-letter";
    private static final int CONVERSIONS = 30;

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
    void leadsConvertedWhileTheDatabaseIsDownEachOpenOneDealWhenItIsBackAndNoneIsDeadLettered() throws Exception {
        String tenant = TestTenants.fresh();
        List<UUID> leads =
                IntStream.range(0, CONVERSIONS).mapToObj(i -> UUID.randomUUID()).toList();
        ConsumerTask<String, byte[]> deadLetters = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(DEAD_LETTER);
        try {
            long failedBefore = database.failedApplies();
            outage.begin();
            for (UUID lead : leads) {
                produce(
                        kafka,
                        Topics.LEAD_EVENTS,
                        lead,
                        event(tenant, conversion(lead, UUID.randomUUID(), UUID.randomUUID())));
            }

            // the consumer has failed on a conversion more times than its retries of a bad record allow (6), and
            // waits, readiness DOWN
            await().atMost(Duration.ofSeconds(30)).until(() -> database.failedApplies() - failedBefore >= 8);
            assertThat(database.waitingConsumers()).isPositive();
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

            outage.end();
            await().atMost(Duration.ofSeconds(30)).until(() -> deals(tenant).getInt("total") >= CONVERSIONS);
            JsonPath deals = deals(tenant);
            assertThat(deals.getInt("total")).isEqualTo(CONVERSIONS);
            assertThat(deals.getList("items.leadId", String.class))
                    .containsExactlyInAnyOrderElementsOf(
                            leads.stream().map(UUID::toString).toList());
            await().atMost(Duration.ofSeconds(10)).until(() -> database.waitingConsumers() == 0);
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

            // a bad record behind the last conversion on its partition goes to the dead-letter topic; no conversion did
            UUID last = leads.get(CONVERSIONS - 1);
            produce(kafka, Topics.LEAD_EVENTS, last, "not an event".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !ofKeys(deadLetters, Set.of(last)).isEmpty());
            assertThat(ofKeys(deadLetters, Set.copyOf(leads)))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly("not an event");
        } finally {
            deadLetters.stop();
        }
    }

    @Test
    void whileTheDatabaseIsAwayAReadIsAnswered503WithRetryAfter() {
        String tenant = TestTenants.fresh();
        outage.begin();
        asHead(tenant)
                .get("/api/v1/deals")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", org.hamcrest.Matchers.equalTo("urn:salespulse:problem:unavailable"));
        outage.end();
        assertThat(deals(tenant).getInt("total")).isZero();
    }

    private static JsonPath deals(String tenant) {
        return asHead(tenant)
                .queryParam("size", CONVERSIONS * 2)
                .get("/api/v1/deals")
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
