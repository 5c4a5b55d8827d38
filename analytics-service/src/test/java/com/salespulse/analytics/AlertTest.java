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
import io.restassured.response.ValidatableResponse;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Thresholds turn figures into AlertRaised / AlertResolved on the alert topic: once per condition until it clears. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertTest {

    @Inject
    TestClock clock;

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    @InjectKafka
    KafkaCompanion kafka;

    /** The tenant of the inflow-drop scenario and the alert topic as read since, both set up once for the class. */
    private static String tenant;

    private static ConsumerTask<String, byte[]> alerts;

    @BeforeEach
    void inflowDropScenario() {
        if (tenant == null) {
            alerts = kafka.consume(String.class, byte[].class)
                    .withProp("auto.offset.reset", "earliest")
                    .fromTopics(Topics.ALERT_EVENTS);
            tenant = publishInflowDrop();
        }
        clock.set(NOW);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void stopReadingAlerts() {
        if (alerts != null) {
            alerts.stop();
        }
    }

    /**
     * Four usual weeks of 6 leads (2-30 June, usual = 24 / 4 = 6) and 2 leads in the last 7 days: drop = (6 - 2) / 6
     * = 66.7% > 40% (the default limit), below 80% -> WARNING. Then one lead long ago, applied at NOW: any applied
     * event of the tenant has it evaluated, and a lead long ago changes neither window.
     */
    private String publishInflowDrop() {
        // while the scenario loads, "now" is a year later: both windows are empty, nothing is watched
        clock.set(NOW.plus(Duration.ofDays(365)));
        String tenant = TestTenants.fresh();
        for (int day = 0; day < 24; day++) {
            publishLead(tenant, "website", NOW.minus(Duration.ofDays(8 + day)));
        }
        publishLead(tenant, "website", NOW.minus(Duration.ofDays(1)));
        publishLead(tenant, "website", NOW.minus(Duration.ofDays(2)));
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
        publishLead(tenant, "website", Instant.parse("2025-01-01T09:00:00Z"));
        return tenant;
    }

    /** The alert raised for the drop, once it is on the topic. */
    private static AlertRaised raised() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !events(alerts, tenant).isEmpty());
        return events(alerts, tenant).get(0).dataAs(AlertRaised.class);
    }

    @Test
    @Order(1)
    void aDropOfTheLeadInflowBeyondTheLimitRaisesOneWarning() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events(alerts, tenant).size() == 1);
        AlertRaised raised = raised();
        assertThat(raised.conditionKey()).isEqualTo("LEAD_INFLOW_DROP:tenant");
        assertThat(raised.severity()).isEqualTo("WARNING");
        assertThat(raised.figures().get("lastSevenDays")).isEqualByComparingTo("2");
        assertThat(raised.figures().get("usualPerWeek")).isEqualByComparingTo("6");
        assertThat(raised.figures().get("dropPercent")).isEqualByComparingTo("66.7");
        assertThat(raised.drillDownPath()).isEqualTo("/api/v1/metrics/lead-inflow?from=2026-06-24&to=2026-06-30");
        // written in the evaluation's span (a scheduled run), so notification continues that trace
        assertThat(events(alerts, tenant).get(0).metadata().traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        openAlerts(tenant, "open")
                .body("size()", equalTo(1))
                .body("[0].alertId", equalTo(raised.alertId().toString()));
    }

    @Test
    @Order(2)
    void whileTheDropLastsMoreEventsRaiseNoSecondAlert() {
        raised();
        // a lead long ago: evaluated again, no second alert
        publishLead(tenant, "website", Instant.parse("2025-01-01T10:00:00Z"));
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(events(alerts, tenant)).hasSize(1);
    }

    @Test
    @Order(3)
    void theAlertIsResolvedExactlyWhenTheInflowIsBackWithinTheLimit() {
        AlertRaised raised = raised();
        // 2 more leads in the last week: 4 against 6 -> drop 33.3%, below the 40% limit: back to normal (after the
        // first of them it is 3 against 6 = 50%, still holding, so the resolution comes exactly with the second)
        publishLead(tenant, "call", NOW.minus(Duration.ofHours(3)));
        publishLead(tenant, "call", NOW.minus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events(alerts, tenant).size() == 2);
        ReceivedEvent second = events(alerts, tenant).get(1);
        assertThat(second.type()).isEqualTo(EventType.ALERT_RESOLVED);
        AlertResolved resolved = second.dataAs(AlertResolved.class);
        assertThat(resolved.alertId()).isEqualTo(raised.alertId());
        assertThat(resolved.figures().get("dropPercent")).isEqualByComparingTo("33.3");
        assertThat(resolved.figures().get("lastSevenDays")).isEqualByComparingTo("4");
        openAlerts(tenant, "open").body("size()", equalTo(0));
        openAlerts(tenant, "all").body("size()", equalTo(1)).body("[0].resolvedAt", equalTo(NOW.toString()));
    }

    /**
     * One lead a day for 35 days up to NOW (each at NOW - d days - 1 h, d = 0..34): at NOW the last week has 7 and the
     * four weeks before 28 (usual 7): no drop. A week later, with no event since, the last week has 0 and the four
     * weeks before 28 (d = 0..27; usual 7): a drop of 100 % > 40 %, at least twice the limit -> CRITICAL. Only the
     * sweep of every tenant (once a minute of real time, each tenant at its own moment, among the test database's
     * many tenants) can see it, since nothing is applied for the tenant after the clock moves on.
     */
    @Test
    void aDropThatTimeAloneMakesIsRaisedByTheSweepWithinAMinute() {
        String quiet = TestTenants.fresh();
        for (int day = 0; day < 35; day++) {
            publishLead(quiet, "website", NOW.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().auth()
                                .oauth2(TestTokens.head(quiet))
                                .queryParam("from", "2026-05-01")
                                .queryParam("to", "2026-06-30")
                                .when()
                                .get("/api/v1/metrics/lead-inflow")
                                .then()
                                .extract()
                                .<Integer>path("figures.total")
                        == 35);
        assertThat(events(alerts, quiet)).isEmpty();

        clock.advance(Duration.ofDays(7));

        await().atMost(Duration.ofSeconds(90))
                .until(() -> !events(alerts, quiet).isEmpty());
        AlertRaised raised = events(alerts, quiet).get(0).dataAs(AlertRaised.class);
        assertThat(raised.conditionKey()).isEqualTo("LEAD_INFLOW_DROP:tenant");
        assertThat(raised.severity()).isEqualTo("CRITICAL");
        assertThat(raised.figures().get("lastSevenDays")).isEqualByComparingTo("0");
        assertThat(raised.figures().get("usualPerWeek")).isEqualByComparingTo("7");
        assertThat(raised.figures().get("dropPercent")).isEqualByComparingTo("100.0");
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

    /** A lead of the tenant coming in at {@code at}, on the lead topic. */
    private void publishLead(String tenant, String source, Instant at) {
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(
                        Topics.LEAD_EVENTS,
                        null,
                        UUID.randomUUID().toString(),
                        LeadInflowTest.leadCreated(tenant, source, null, at.toString()),
                        new RecordHeaders()
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .awaitCompletion();
    }

    /** The tenant's alerts as the head lists them: open ones, or all. */
    private static ValidatableResponse openAlerts(String tenant, String state) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("state", state)
                .when()
                .get("/api/v1/alerts")
                .then()
                .statusCode(200);
    }
}
