package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One tenant's receiver hangs (every request held past the webhook timeout) for the whole test; another tenant's
 * alert, arriving while the first one's request hangs, is delivered before that request has even timed out, and the
 * hanging receiver's delivery is recorded with its timeout in the delivery log and tried again.
 */
@QuarkusTest
@Tag("faults") // a fault of the database, the broker or a receiver: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class ReceiverIsolationTest {

    /** Both tenants may target loopback receivers (%test config). */
    private static final String SLOW_TENANT = WebhookDeliveryTest.TENANT;

    private static final String OTHER_TENANT = "receiver-lab-b";

    @InjectKafka
    KafkaCompanion kafka;

    @ConfigProperty(name = "salespulse.notification.webhook.timeout")
    Duration webhookTimeout;

    private WebhookReceiver slow;
    private WebhookReceiver fine;

    @BeforeEach
    void startReceivers() throws Exception {
        slow = new WebhookReceiver();
        fine = new WebhookReceiver();
    }

    @AfterEach
    void stopReceivers() {
        slow.close();
        fine.close();
    }

    @Test
    void aHangingReceiverDelaysNoOtherTenantsAlertAndIsRetried() {
        UUID slowManager = UUID.randomUUID();
        UUID fineManager = UUID.randomUUID();
        subscribe(SLOW_TENANT, slowManager, slow);
        subscribe(OTHER_TENANT, fineManager, fine);
        slow.hang();

        AlertRaised slowAlert = Alerts.overdueTasks(slowManager, Instant.now());
        Alerts.publish(kafka, SLOW_TENANT, slowAlert);
        await().atMost(Duration.ofSeconds(15)).until(() -> slow.held() == 1);

        Instant sent = Instant.now();
        AlertRaised fineAlert = Alerts.overdueTasks(fineManager, Instant.now());
        Alerts.publish(kafka, OTHER_TENANT, fineAlert);
        await().atMost(Duration.ofSeconds(15)).until(() -> fine.accepted().size() == 1);
        Duration took = Duration.between(sent, Instant.now());

        // the other tenant's alert went out while the hanging request was still waiting for its answer
        assertThat(log(slowAlert, SLOW_TENANT).getInt("[0].attempts")).isZero();
        assertThat(took).isLessThan(webhookTimeout);
        assertThat(log(fineAlert, OTHER_TENANT).getString("[0].status")).isEqualTo("DELIVERED");

        // the hanging receiver's delivery times out, is recorded with its timeout, and is tried again
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.held() >= 2);
        JsonPath slowLog = log(slowAlert, SLOW_TENANT);
        assertThat(slowLog.getString("[0].status")).isEqualTo("PENDING");
        assertThat(slowLog.getInt("[0].attempts")).isPositive();
        assertThat(slowLog.getBoolean("[0].attemptLog[0].succeeded")).isFalse();
        assertThat(slowLog.getString("[0].attemptLog[0].error")).startsWith("no answer within");
        assertThat(slowLog.getLong("[0].attemptLog[0].durationMs"))
                .isGreaterThanOrEqualTo(webhookTimeout.toMillis() * 9 / 10);
        assertThat(fine.requests()).hasSize(1);
    }

    private void subscribe(String tenant, UUID manager, WebhookReceiver receiver) {
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
    }

    private static JsonPath log(AlertRaised alert, String tenant) {
        return WebhookDeliveryTest.deliveries(alert.alertId(), tenant);
    }
}
