package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.testsupport.DatabaseOutage;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away while an alert arrives: the database refuses every connection and the open ones are
 * terminated. The consumer keeps the alert, waits (readiness DOWN) for longer than its retries of a bad record would
 * last, and once the database is back the alert is delivered exactly once and nothing is on the dead-letter topic.
 */
@QuarkusTest
@Tag("faults") // a fault of the database, the broker or a receiver: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class DatabaseOutageTest {

    private static final String TENANT = WebhookDeliveryTest.TENANT;
    private static final String DEAD_LETTER = "salespulse.notification.dead-letter";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DatabaseWait database;

    @Inject
    AgroalDataSource pool;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private DatabaseOutage outage;
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        outage = new DatabaseOutage(jdbcUrl, () -> pool.flush(AgroalDataSource.FlushMode.IDLE));
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void databaseBack() {
        receiver.close();
        outage.end();
    }

    @Test
    void anAlertArrivingWhileTheDatabaseIsDownIsDeliveredOnceWhenItIsBackAndNeverDeadLettered() throws Exception {
        UUID manager = UUID.randomUUID();
        subscribe(manager);
        ConsumerTask<String, byte[]> deadLetters = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(DEAD_LETTER);
        try {
            long failedBefore = database.failedApplies();
            outage.begin();
            AlertRaised alert = Alerts.overdueTasks(manager, Instant.now());
            UUID eventId = Alerts.publish(kafka, TENANT, alert);

            // the consumer has failed on the alert more times than its retries of a bad record allow (6), and waits,
            // readiness DOWN
            await().atMost(Duration.ofSeconds(60)).until(() -> database.failedApplies() - failedBefore >= 8);
            assertThat(database.waitingConsumers()).isPositive();
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(receiver.requests()).isEmpty();

            outage.end();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.accepted().size() == 1);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> "DELIVERED".equals(deliveries(alert).getString("[0].status")));
            assertThat(database.waitingConsumers()).isZero();
            assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(Rows.consumed(eventId)).isTrue();
            assertThat(deliveries(alert).getList("id")).hasSize(1);
            assertThat(receiver.requests()).hasSize(1);

            // a bad record behind the alert on its partition goes to the dead-letter topic; the alert did not
            Alerts.publish(kafka, alert.alertId(), "not an event".getBytes(StandardCharsets.UTF_8));
            List<ConsumerRecord<String, byte[]>> parked = await().atMost(Duration.ofSeconds(15))
                    .until(() -> ofKey(deadLetters, alert.alertId()), records -> !records.isEmpty());
            assertThat(parked)
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly("not an event");
        } finally {
            deadLetters.stop();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> ofKey(ConsumerTask<String, byte[]> task, UUID key) {
        return task.getRecords().stream()
                .filter(record -> key.toString().equals(record.key()))
                .toList();
    }

    private void subscribe(UUID manager) {
        RosterEvents.hire(kafka, TENANT, manager, "Ivan Petrov");
        JsonPath created = given().auth()
                .oauth2(TestTokens.head(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "WEBHOOK",
                        "webhookUrl",
                        receiver.url(),
                        "timeZone",
                        "UTC",
                        "managerIds",
                        List.of(manager.toString())))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        receiver.trust(created.getString("newWebhookSecret"));
    }

    private static JsonPath deliveries(AlertRaised alert) {
        return WebhookDeliveryTest.deliveries(alert.alertId(), TENANT);
    }
}
