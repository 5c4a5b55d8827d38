package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertResolved;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Thresholds turn figures into AlertRaised / AlertResolved on the alert topic: once per condition until it clears. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class AlertTest {

    @Inject
    TestClock clock;

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void leadInflowDropIsRaisedOnceWhileItLastsAndResolvedWhenInflowRecovers() {
        // while the scenario loads, "now" is a year later: both windows are empty, nothing is watched
        clock.set(NOW.plus(Duration.ofDays(365)));
        String tenant = TestTenants.fresh();
        ConsumerTask<String, byte[]> alerts = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.ALERT_EVENTS);
        try {
            // the 4 weeks before the last 7 days (2-30 June): 6 leads a week, usual = 24 / 4 = 6
            for (int day = 0; day < 24; day++) {
                publish(LeadInflowTest.leadCreated(
                        tenant,
                        "website",
                        null,
                        NOW.minus(Duration.ofDays(8 + day)).toString()));
            }
            // the last 7 days: 2 leads -> drop = (6 - 2) / 6 = 66.7% > 40% (default limit); below 80% -> WARNING
            publish(
                    LeadInflowTest.leadCreated(
                            tenant,
                            "website",
                            null,
                            NOW.minus(Duration.ofDays(1)).toString()),
                    LeadInflowTest.leadCreated(
                            tenant,
                            "website",
                            null,
                            NOW.minus(Duration.ofDays(2)).toString()));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> given().auth()
                                    .oauth2(TestTokens.head(tenant))
                                    .queryParam("from", "2026-05-01")
                                    .queryParam("to", "2026-06-30")
                                    .when()
                                    .get("/api/v1/metrics/lead-inflow")
                                    .then()
                                    .extract()
                                    .<Integer>path("figures.total")
                            == 26);
            clock.set(NOW);
            // any applied event of the tenant has it evaluated: a lead long ago changes neither window
            publish(LeadInflowTest.leadCreated(tenant, "website", null, "2025-01-01T09:00:00Z"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events(alerts, tenant).size() == 1);
            AlertRaised raised = events(alerts, tenant).get(0).dataAs(AlertRaised.class);
            assertThat(raised.conditionKey()).isEqualTo("LEAD_INFLOW_DROP:tenant");
            assertThat(raised.severity()).isEqualTo("WARNING");
            assertThat(raised.figures().get("lastSevenDays")).isEqualByComparingTo("2");
            assertThat(raised.figures().get("usualPerWeek")).isEqualByComparingTo("6");
            assertThat(raised.figures().get("dropPercent")).isEqualByComparingTo("66.7");
            assertThat(raised.drillDownPath()).isEqualTo("/api/v1/metrics/lead-inflow?from=2026-06-24&to=2026-06-30");
            given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .when()
                    .get("/api/v1/alerts")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].alertId", equalTo(raised.alertId().toString()));

            // more events while it still holds (a lead long ago): evaluated again, no second alert
            publish(LeadInflowTest.leadCreated(tenant, "website", null, "2025-01-01T10:00:00Z"));
            await().pollDelay(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> true);
            assertThat(events(alerts, tenant)).hasSize(1);

            // 2 more leads in the last week: 4 against 6 -> drop 33.3%, below the 40% limit: back to normal (after the
            // first of them it is 3 against 6 = 50%, still holding, so the resolution comes exactly with the second)
            publish(
                    LeadInflowTest.leadCreated(
                            tenant, "call", null, NOW.minus(Duration.ofHours(3)).toString()),
                    LeadInflowTest.leadCreated(
                            tenant, "call", null, NOW.minus(Duration.ofHours(2)).toString()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events(alerts, tenant).size() == 2);
            ReceivedEvent second = events(alerts, tenant).get(1);
            assertThat(second.type()).isEqualTo(EventType.ALERT_RESOLVED);
            AlertResolved resolved = second.dataAs(AlertResolved.class);
            assertThat(resolved.alertId()).isEqualTo(raised.alertId());
            assertThat(resolved.figures().get("dropPercent")).isEqualByComparingTo("33.3");
            assertThat(resolved.figures().get("lastSevenDays")).isEqualByComparingTo("4");
            given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .when()
                    .get("/api/v1/alerts")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(0));
            given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .queryParam("state", "all")
                    .when()
                    .get("/api/v1/alerts")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].resolvedAt", equalTo(NOW.toString()));
        } finally {
            alerts.stop();
        }
    }

    @Test
    void theHeadSetsThresholdsWithinRangeAndTheOthersKeepTheirDefaults() {
        String head = TestTokens.head(TestTenants.fresh());
        given().auth()
                .oauth2(head)
                .contentType(ContentType.JSON)
                .body("{\"OVERDUE_TASKS_PER_MANAGER\": 3}")
                .when()
                .put("/api/v1/alerts/thresholds")
                .then()
                .statusCode(200)
                .body("find { it.name == 'OVERDUE_TASKS_PER_MANAGER' }.value", equalTo(3))
                .body("find { it.name == 'FORGOTTEN_CARDS_PER_MANAGER' }.value", equalTo(5));
        given().auth()
                .oauth2(head)
                .contentType(ContentType.JSON)
                .body("{\"OVERDUE_TASKS_PER_MANAGER\": -1}")
                .when()
                .put("/api/v1/alerts/thresholds")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("OVERDUE_TASKS_PER_MANAGER"));
        given().auth()
                .oauth2(head)
                .contentType(ContentType.JSON)
                .body("{\"NO_SUCH_LIMIT\": 1}")
                .when()
                .put("/api/v1/alerts/thresholds")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("NO_SUCH_LIMIT"));
        given().auth()
                .oauth2(TestTokens.manager("demo", UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body("{\"OVERDUE_TASKS_PER_MANAGER\": 3}")
                .when()
                .put("/api/v1/alerts/thresholds")
                .then()
                .statusCode(403);
    }

    private static List<ReceivedEvent> events(ConsumerTask<String, byte[]> alerts, String tenant) {
        return alerts.getRecords().stream()
                .map(ConsumerRecord::value)
                .map(CODEC::decode)
                .filter(event -> tenant.equals(event.metadata().tenant()))
                .toList();
    }

    private void publish(byte[]... events) {
        for (byte[] event : events) {
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(
                            Topics.LEAD_EVENTS,
                            null,
                            UUID.randomUUID().toString(),
                            event,
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                    .awaitCompletion();
        }
    }
}
