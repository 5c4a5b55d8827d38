package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.notification.delivery.DeliveryScheduler;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue is the table: the sender is stopped in the middle of a delivery's retries, the delivery stays PENDING
 * with its attempts, and a fresh run of the sender picks it up from the row and delivers it once, with the same
 * webhook-id. (A kill -9 of the whole process belongs in system-tests; the sender keeps no state in memory, so
 * stopping its job is the same as far as the queue is concerned.)
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DeliveryDurabilityTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    Scheduler scheduler;

    @Inject
    SchedulerRounds rounds;

    @Inject
    TestClock clock;

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void cleanUp() {
        scheduler.resume(DeliveryScheduler.JOB);
        receiver.close();
    }

    @Test
    void aSenderStoppedMidRetryLosesNothingAndTheNextRunDeliversOnce() throws Exception {
        UUID manager = UUID.randomUUID();
        String tenant = WebhookDeliveryTest.TENANT;
        RosterEvents.hire(kafka, tenant, manager, "Ivan Petrov");
        JsonPath created = given().auth()
                .oauth2(TestTokens.head(tenant))
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
        receiver.answer(503);
        AlertRaised alert = Alerts.overdueTasks(manager, Instant.now());
        Alerts.publish(kafka, tenant, alert);

        // no delivery row until the alert is consumed: its attempts read as absent meanwhile, not as a failure
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> WebhookDeliveryTest.deliveries(alert.alertId(), tenant)
                                .<Integer>get("[0].attempts"),
                        attempts -> attempts != null && attempts >= 2);
        // a round already under way finishes; none starts after it
        rounds.pauseAndSettle(DeliveryScheduler.JOB);
        JsonPath stopped = WebhookDeliveryTest.deliveries(alert.alertId(), tenant);
        int attemptsBefore = stopped.getInt("[0].attempts");
        receiver.answer(204);

        // the delivery falls due while the sender is stopped
        String deliveryId = stopped.getString("[0].id");
        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.due(deliveryId, clock.instant()));
        JsonPath stillWaiting = WebhookDeliveryTest.deliveries(alert.alertId(), tenant);
        assertThat(stillWaiting.getString("[0].status")).isEqualTo("PENDING");
        assertThat(stillWaiting.getInt("[0].attempts")).isEqualTo(attemptsBefore);
        assertThat(receiver.accepted())
                .as("nothing is sent while the sender is stopped")
                .isEmpty();

        scheduler.resume(DeliveryScheduler.JOB);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().size() == 1);
        // drained: a delivered row is never sent again
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "DELIVERED"
                        .equals(WebhookDeliveryTest.deliveries(alert.alertId(), tenant)
                                .getString("[0].status")));
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(receiver.requests())
                .extracting(WebhookReceiver.Received::webhookId)
                .containsOnly(deliveryId)
                .hasSize(attemptsBefore + 1);
        JsonPath done = WebhookDeliveryTest.deliveries(alert.alertId(), tenant);
        assertThat(done.getString("[0].status")).isEqualTo("DELIVERED");
        assertThat(done.getInt("[0].attempts")).isEqualTo(attemptsBefore + 1);
    }
}
