package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.notification.NotificationDelivered;
import com.salespulse.contract.notification.NotificationDeliveryFailed;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts from the real alert topic to a real HTTP receiver that checks every signature: retries, exactly-once by
 * alert, resolution, cooldown, dead-letter and the failing mark, and the outcome events.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class WebhookDeliveryTest {

    /** The tenant %test config allows loopback webhook targets for. */
    static final String TENANT = "receiver-lab";

    @InjectKafka
    KafkaCompanion kafka;

    @jakarta.inject.Inject
    io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter spans;

    private WebhookReceiver receiver;
    private final UUID manager = UUID.randomUUID();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReceiverDownForAWhileGetsEveryAlertExactlyOnceAfterItComesBack() throws Exception {
        subscribe();
        receiver.goDown();
        List<AlertRaised> alerts = List.of(raise("c1"), raise("c2"), raise("c3"));

        // every alert has been tried and failed at least twice while the receiver was down
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alerts.stream()
                        .allMatch(alert -> deliveries(alert.alertId()).getInt("[0].attempts") >= 2));
        receiver.comeBack();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 3);
        // drained: a delivered row is never sent again, so the receiver has seen all it will see
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alerts.stream()
                        .allMatch(alert ->
                                "DELIVERED".equals(deliveries(alert.alertId()).getString("[0].status"))));
        Map<String, Long> perAlert = receiver.accepted().stream()
                .collect(Collectors.groupingBy(
                        r -> r.body().path("data").path("alertId").asText(), Collectors.counting()));
        assertThat(perAlert)
                .containsOnlyKeys(
                        alerts.stream().map(a -> a.alertId().toString()).toList())
                .allSatisfy((alert, count) -> assertThat(count).isEqualTo(1));

        for (AlertRaised alert : alerts) {
            JsonPath log = deliveries(alert.alertId());
            assertThat(log.getString("[0].status")).isEqualTo("DELIVERED");
            assertThat(log.getInt("[0].attempts")).isGreaterThanOrEqualTo(3);
            assertThat(log.getList("[0].attemptLog.succeeded")).endsWith(true).startsWith(false, false);
            assertThat(log.getString("[0].attemptLog[0].error")).isEqualTo("could not connect to the receiver");
            assertThat(log.getList("[0].attemptLog.statusCode")).last().isEqualTo(204);
            // the webhook-id the receiver saw is the delivery id, the same on every retry
            String deliveryId = log.getString("[0].id");
            assertThat(receiver.accepted())
                    .filteredOn(r -> r.webhookId().equals(deliveryId))
                    .hasSize(1);
        }
    }

    @Test
    void anAlertDeliveredTwiceFromKafkaIsSentOnce() throws Exception {
        subscribe();
        AlertRaised alert = Alerts.overdueTasks(manager, Instant.now());
        byte[] record = Alerts.encode(TENANT, alert);
        Alerts.publish(kafka, alert.alertId(), record, record);
        // analytics raising the same alert again under a new event id changes nothing either
        UUID raisedAgain = Alerts.publish(kafka, TENANT, alert);

        // drained: the last record of the alert's partition is taken in, and the one delivery is done
        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.consumed(raisedAgain));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "DELIVERED".equals(deliveries(alert.alertId()).getString("[0].status")));
        assertThat(receiver.requests()).hasSize(1);
        WebhookReceiver.Received received = receiver.accepted().get(0);
        assertThat(received.body().path("type").asText()).isEqualTo("alert.raised");
        assertThat(received.body().path("data").path("alertId").asText())
                .isEqualTo(alert.alertId().toString());
        assertThat(received.body().path("data").path("title").asText()).isEqualTo("Ivan Petrov has 7 overdue tasks");
        assertThat(received.body()
                        .path("data")
                        .path("figures")
                        .path("overdueTasks")
                        .asInt())
                .isEqualTo(7);
        assertThat(deliveries(alert.alertId()).getList("id")).hasSize(1);
    }

    @Test
    void theDeliveryOfAnAlertIsASpanOfTheTraceTheAlertEventCarries() {
        subscribe();
        String trace = "0af7651916cd43dd8448eb211c80319c";
        AlertRaised alert = Alerts.overdueTasks(manager, "traced", Instant.now());
        Alerts.publish(
                kafka,
                alert.alertId(),
                Alerts.encode(UUID.randomUUID(), TENANT, alert, "00-" + trace + "-b7ad6b7169203331-01"));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> "DELIVERED".equals(deliveries(alert.alertId()).getString("[0].status")));
        // the alert's processing continues analytics' span; the delivery attempt is a child of that processing
        await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .anyMatch(span -> span.getTraceId().equals(trace)
                                && span.getName().equals("delivery WEBHOOK")));
        List<io.opentelemetry.sdk.trace.data.SpanData> inTrace = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(trace))
                .toList();
        io.opentelemetry.sdk.trace.data.SpanData processing = inTrace.stream()
                .filter(span -> span.getName().equals(Topics.ALERT_EVENTS + " process"))
                .findFirst()
                .orElseThrow();
        assertThat(processing.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(inTrace)
                .filteredOn(span -> span.getName().equals("delivery WEBHOOK"))
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.getParentSpanId()).isEqualTo(processing.getSpanId()));
    }

    @Test
    void aResolvedAlertSendsAResolutionAndTheSameConditionIsNotResentWithinTheCooldown() throws Exception {
        String subscription = subscribe();
        AlertRaised first = raise("OVERDUE_TASKS:manager:" + manager);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().size() == 1);

        Alerts.publish(kafka, TENANT, Alerts.resolutionOf(first, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().size() == 2);
        WebhookReceiver.Received resolution = receiver.accepted().get(1);
        assertThat(resolution.body().path("type").asText()).isEqualTo("alert.resolved");
        assertThat(resolution.body().path("data").path("alertId").asText())
                .isEqualTo(first.alertId().toString());

        // the condition comes back at once: a new alert, but the subscriber heard of this condition minutes ago
        AlertRaised again = raise("OVERDUE_TASKS:manager:" + manager);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !deliveries(again.alertId()).getList("id").isEmpty());
        JsonPath log = deliveries(again.alertId());
        assertThat(log.getString("[0].status")).isEqualTo("SUPPRESSED");
        assertThat(log.getString("[0].note")).startsWith("cooldown");
        // drained: nothing of the subscription is left to send
        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.pendingDeliveries(subscription) == 0);
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void aReceiverThatKeepsFailingGetsDeadLettersAndItsSubscriptionMarkedFailing() throws Exception {
        ConsumerTask<String, byte[]> outcomes = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.NOTIFICATION_EVENTS);
        try {
            String subscription = subscribe();
            receiver.answer(503);
            List<AlertRaised> alerts = List.of(raise("d1"), raise("d2"), raise("d3"));

            await().atMost(Duration.ofSeconds(40))
                    .until(() -> alerts.stream()
                            .allMatch(alert ->
                                    "DEAD".equals(deliveries(alert.alertId()).getString("[0].status"))));
            JsonPath log = deliveries(alerts.get(0).alertId());
            assertThat(log.getInt("[0].attempts")).isEqualTo(6);
            assertThat(log.getList("[0].attemptLog.statusCode"))
                    .containsOnly(503)
                    .hasSize(6);
            assertThat(log.getString("[0].lastError")).isEqualTo("the receiver answered HTTP 503");
            head().get("/api/v1/subscriptions/" + subscription)
                    .then()
                    .statusCode(200)
                    .body("failing", org.hamcrest.Matchers.equalTo(true))
                    .body("consecutiveDeadDeliveries", org.hamcrest.Matchers.equalTo(3));

            UUID subscriptionId = UUID.fromString(subscription);
            Map<UUID, ReceivedEvent> failed = await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> outcomesFor(outcomes, NotificationDeliveryFailed.class, subscriptionId),
                            m -> m.size() >= 3);
            String deadId = log.getString("[0].id");
            NotificationDeliveryFailed event =
                    failed.get(UUID.fromString(deadId)).dataAs(NotificationDeliveryFailed.class);
            assertThat(event.alertId()).isEqualTo(alerts.get(0).alertId());
            assertThat(event.reason()).isEqualTo("MAX_ATTEMPTS");
            assertThat(event.lastStatusCode()).isEqualTo(503);
            assertThat(event.attempts()).isEqualTo(6);
            assertThat(failed.values().stream()
                            .map(e -> e.dataAs(NotificationDeliveryFailed.class))
                            .filter(NotificationDeliveryFailed::subscriptionFailingAfter))
                    .hasSize(1);

            // the receiver is fixed: the next alert gets through and the subscription is healthy again
            receiver.answer(200);
            AlertRaised fine = raise("d4");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> "DELIVERED".equals(deliveries(fine.alertId()).getString("[0].status")));
            head().get("/api/v1/subscriptions/" + subscription)
                    .then()
                    .statusCode(200)
                    .body("failing", org.hamcrest.Matchers.equalTo(false));
            String deliveredId = deliveries(fine.alertId()).getString("[0].id");
            Map<UUID, ReceivedEvent> delivered = await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> outcomesFor(outcomes, NotificationDelivered.class, subscriptionId),
                            m -> m.containsKey(UUID.fromString(deliveredId)));
            ReceivedEvent outcome = delivered.get(UUID.fromString(deliveredId));
            assertThat(outcome.metadata().tenant()).isEqualTo(TENANT);
            assertThat(outcome.dataAs(NotificationDelivered.class).statusCode()).isEqualTo(200);
            assertThat(outcome.dataAs(NotificationDelivered.class).channel()).isEqualTo("WEBHOOK");
            assertThat(outcome.dataAs(NotificationDelivered.class).subscriptionFailingBefore())
                    .isTrue();
        } finally {
            outcomes.stop();
        }
    }

    @Test
    void duringASecretRotationAReceiverWithEitherSecretAcceptsTheMessage() throws Exception {
        String subscription = subscribe();
        String newSecret = head().post("/api/v1/subscriptions/" + subscription + "/secret-rotation")
                .then()
                .statusCode(200)
                .extract()
                .path("newWebhookSecret");
        // the receiver still holds the old secret
        raise("r1");
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().size() == 1);
        receiver.trust(newSecret);
        raise("r2");
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().size() == 2);

        assertThat(receiver.accepted())
                .allSatisfy(r -> assertThat(r.signature().split(" ")).hasSize(2));
        assertThat(receiver.requests()).hasSize(2);
    }

    /** Subscribes the receiver to this test's manager's alerts; the receiver trusts the secret it was given. */
    private String subscribe() {
        RosterEvents.hire(kafka, TENANT, manager, "Ivan Petrov");
        JsonPath created = head().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "WEBHOOK",
                        "webhookUrl",
                        receiver.url(),
                        "timeZone",
                        "Europe/Moscow",
                        "managerIds",
                        List.of(manager.toString()),
                        "language",
                        "en"))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        receiver.trust(created.getString("newWebhookSecret"));
        return created.getString("id");
    }

    private AlertRaised raise(String conditionKey) {
        AlertRaised alert = Alerts.overdueTasks(manager, conditionKey, Instant.now());
        Alerts.publish(kafka, TENANT, alert);
        return alert;
    }

    static JsonPath deliveries(UUID alertId) {
        return deliveries(alertId, TENANT);
    }

    static JsonPath deliveries(UUID alertId, String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .get("/api/v1/alerts/" + alertId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static io.restassured.specification.RequestSpecification head() {
        return given().auth().oauth2(TestTokens.head(TENANT));
    }

    /** The outcome events of one subscription, by delivery id. */
    private static <T> Map<UUID, ReceivedEvent> outcomesFor(
            ConsumerTask<String, byte[]> task, Class<T> type, UUID subscriptionId) {
        CloudEventCodec codec = new CloudEventCodec();
        return task.getRecords().stream()
                .map(record -> codec.decode(record.value()))
                .filter(event -> type.isInstance(event.data()))
                .filter(event -> subscriptionId.equals(
                        event.data() instanceof NotificationDelivered d
                                ? d.subscriptionId()
                                : ((NotificationDeliveryFailed) event.data()).subscriptionId()))
                .collect(Collectors.toMap(event -> event.data().aggregateId(), Function.identity(), (a, b) -> a));
    }
}
