package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.notification.delivery.DeliveryAttemptService;
import com.salespulse.notification.delivery.DeliveryScheduler;
import com.salespulse.security.ActingScope;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lease on a delivery being sent (3 s here, renewed every second): a delivery claimed by a sender that then died
 * goes out once the lease ends, not later; a send that takes longer than the lease keeps its delivery held for as
 * long as it is in flight, so no other instance could take it meanwhile.
 */
@QuarkusTest
@Tag("faults") // a fault of the database, the broker or a receiver: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class DeliveryLeaseTest {

    private static final String TENANT = WebhookDeliveryTest.TENANT;

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    Scheduler scheduler;

    @Inject
    SchedulerRounds rounds;

    @Inject
    DeliveryAttemptService attempts;

    @Inject
    ActingScope acting;

    @ConfigProperty(name = "salespulse.notification.delivery.lease")
    Duration lease;

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
    void aDeliveryClaimedBySenderThatDiedGoesOutOnceItsLeaseEnds() {
        UUID manager = subscribe();
        rounds.pauseAndSettle(DeliveryScheduler.JOB);
        AlertRaised alert = Alerts.overdueTasks(manager, Instant.now());
        Alerts.publish(kafka, TENANT, alert);
        String deliveryId = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> WebhookDeliveryTest.deliveries(alert.alertId(), TENANT)
                                .getString("[0].id"),
                        id -> id != null);

        // a sender claims the delivery and dies before it sends (nothing renews its lease)
        Optional<DeliveryAttemptService.Prepared> claimed = acting.call(
                TENANT, NotificationConfig.SYSTEM_ACTOR, () -> attempts.prepare(UUID.fromString(deliveryId)));
        assertThat(claimed).isPresent();
        assertThat(Rows.due(deliveryId, Instant.now())).isFalse();
        scheduler.resume(DeliveryScheduler.JOB);

        // held while the lease lasts, then sent by the running sender, once
        await().during(lease.dividedBy(2))
                .atMost(lease)
                .until(() -> receiver.requests().isEmpty());
        await().atMost(lease.plusSeconds(15)).until(() -> receiver.accepted().size() == 1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "DELIVERED"
                        .equals(WebhookDeliveryTest.deliveries(alert.alertId(), TENANT)
                                .getString("[0].status")));
        assertThat(receiver.requests())
                .extracting(WebhookReceiver.Received::webhookId)
                .containsExactly(deliveryId);
    }

    @Test
    void aSendLongerThanTheLeaseKeepsItsDeliveryHeldWhileInFlight() {
        UUID manager = subscribe();
        receiver.hang();
        AlertRaised alert = Alerts.overdueTasks(manager, Instant.now());
        Alerts.publish(kafka, TENANT, alert);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.held() == 1);
        String deliveryId =
                WebhookDeliveryTest.deliveries(alert.alertId(), TENANT).getString("[0].id");

        // half as long again as the lease (and still within the webhook timeout): never due, so never another's
        await().during(lease.plus(lease.dividedBy(2)))
                .atMost(lease.multipliedBy(2))
                .until(() -> !Rows.due(deliveryId, Instant.now()));
        assertThat(receiver.held()).isEqualTo(1);
    }

    private UUID subscribe() {
        UUID manager = UUID.randomUUID();
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
        return manager;
    }
}
