package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.testsupport.DatabaseOutage;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away while deal-service answers card transfers: the database refuses every connection and the open
 * ones are terminated. lead-service's deal-events consumer waits on its partitions (readiness DOWN) for longer than
 * the retries of a bad record would last; once the database is back every transfer completes, and none of deal-service's
 * answers is on lead-service's dead-letter topic (issue 17: a lost connection was dead-lettered, and the transfer never
 * completed).
 */
@QuarkusTest
@Tag("faults") // a fault of the database, the broker or a receiver: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class DatabaseOutageTest {

    private static final String DEAD_LETTER = "salespulse.lead.dead-letter";
    private static final int TRANSFERS = 8;
    private static final CloudEventCodec CODEC = new CloudEventCodec();

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
    void dealServicesAnswersDuringAnOutageCompleteEveryTransferWhenTheDatabaseIsBackAndNoneIsDeadLettered()
            throws Exception {
        Roster roster = Roster.newTenant();
        String taker = roster.hire("Taking Tanya", 50, Roster.everyDay("00:00", "23:59"));
        List<String> leaving = new ArrayList<>();
        List<String> transfers = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            String manager = roster.hire("Leaving " + i, 10, Roster.everyDay("00:00", "23:59"));
            roster.leadFor(manager, "+7 913 300-00-" + String.format("%02d", i));
            leaving.add(manager);
            transfers.add(roster.asHead()
                    .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerIds\":[\"" + taker + "\"]}")
                    .when()
                    .post("/api/v1/managers/" + manager + "/dismissal")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("transferId"));
        }
        for (String transfer : transfers) {
            assertThat(dealsDone(roster, transfer)).isFalse();
        }
        ConsumerTask<String, byte[]> deadLetters = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(DEAD_LETTER);
        try {
            long failedBefore = database.failedApplies();
            outage.begin();
            List<ProducerRecord<String, byte[]>> answers = new ArrayList<>();
            for (int i = 0; i < TRANSFERS; i++) {
                answers.add(new ProducerRecord<>(
                        Topics.DEAL_EVENTS,
                        transfers.get(i),
                        dealPartDone(roster.tenant, transfers.get(i), leaving.get(i), taker)));
            }
            kafka.produce(String.class, byte[].class).fromRecords(answers).awaitCompletion();

            // the consumer has failed on an answer more times than its retries of a bad record allow (6), and waits,
            // readiness DOWN
            await().atMost(Duration.ofSeconds(30)).until(() -> database.failedApplies() - failedBefore >= 8);
            assertThat(database.waitingConsumers()).isPositive();
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

            outage.end();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> transfers.stream().allMatch(transfer -> dealsDone(roster, transfer)));
            await().atMost(Duration.ofSeconds(10)).until(() -> database.waitingConsumers() == 0);
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

            // a bad record behind the last answer on its partition goes to the dead-letter topic; no answer did
            String last = transfers.get(TRANSFERS - 1);
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(
                            Topics.DEAL_EVENTS, last, "not an event".getBytes(StandardCharsets.UTF_8)))
                    .awaitCompletion();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !ofKeys(deadLetters, Set.of(last)).isEmpty());
            assertThat(ofKeys(deadLetters, Set.copyOf(transfers)))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly("not an event");
        } finally {
            deadLetters.stop();
        }
    }

    @Test
    void whileTheDatabaseIsAwayAnswersAre503WithRetryAfterAndNothingIsWritten() {
        Roster roster = Roster.newTenant();
        String manager = roster.hire("Waiting Wanda", 10, Roster.everyDay("00:00", "23:59"));
        String lead = "{\"source\":\"website\",\"phone\":\"+7 913 400-00-01\",\"managerId\":\"" + manager + "\"}";

        outage.begin();
        for (var answer : List.of(
                roster.asHead().body(lead).when().post("/api/v1/leads").then(),
                roster.asHead().when().get("/api/v1/managers/" + manager).then())) {
            answer.statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:salespulse:problem:unavailable"))
                    .body("status", org.hamcrest.Matchers.equalTo(503));
        }
        outage.end();

        // the refused lead was not taken in: the same request now makes the tenant's first and only lead
        roster.asHead().body(lead).when().post("/api/v1/leads").then().statusCode(201);
        roster.asHead()
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1));
    }

    /** deal-service's part of a transfer: one deal moved to the taker. */
    private static byte[] dealPartDone(String tenant, String transfer, String from, String to) {
        return CODEC.encode(
                new EventMetadata(
                        UUID.randomUUID(),
                        URI.create("/salespulse/deal-service"),
                        Instant.now(),
                        tenant,
                        "system:card-transfer"),
                new DealCardsTransferred(
                        UUID.fromString(transfer),
                        UUID.fromString(from),
                        List.of(new DealCardsTransferred.MovedCard("DEAL", UUID.randomUUID(), UUID.fromString(to))),
                        List.of(),
                        Instant.now()));
    }

    private static boolean dealsDone(Roster roster, String transfer) {
        return roster.asHead()
                .when()
                .get("/api/v1/transfers/" + transfer)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getBoolean("deals.done");
    }

    private static List<ConsumerRecord<String, byte[]>> ofKeys(ConsumerTask<String, byte[]> task, Set<String> keys) {
        return task.getRecords().stream()
                .filter(record -> keys.contains(record.key()))
                .toList();
    }
}
