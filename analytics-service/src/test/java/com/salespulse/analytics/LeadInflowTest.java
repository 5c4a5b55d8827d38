package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Lead inflow from real CloudEvents on a real broker into the real read model. Each test uses its own source so
 * the figures are its own.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadInflowTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final UUID MANAGER_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID MANAGER_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void countsLeadsPerLocalDaySourceAndManager() {
        String source = uniqueSource();
        publish(leadCreated("demo", source, MANAGER_A, "2026-11-02T06:00:00Z"),  // 09:00 MSK, 2 Nov
                leadCreated("demo", source, MANAGER_A, "2026-11-01T21:30:00Z"),  // 00:30 MSK, 2 Nov
                leadCreated("demo", source, null, "2026-11-01T20:59:00Z"),       // 23:59 MSK, 1 Nov
                leadCreated("demo", source, MANAGER_B, "2026-11-04T10:00:00Z"),  // 4 Nov
                leadCreated("demo", source, MANAGER_B, "2026-10-31T20:59:00Z"),  // 23:59 MSK, 31 Oct: before the period
                leadCreated("demo", source, MANAGER_B, "2026-11-04T21:00:00Z"),  // 00:00 MSK, 5 Nov: after the period
                leadCreated("other", source, MANAGER_A, "2026-11-02T06:00:00Z")); // another tenant
        // the events of the period: 1 Nov: 1, 2 Nov: 2, 3 Nov: 0, 4 Nov: 1 -> 4; manager A 2, B 1, unassigned 1 (last)

        JsonPath report = awaitTotal(source, "2026-11-01", "2026-11-04", 4);

        assertThat(report.getList("byDay.date")).containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04");
        assertThat(report.getList("byDay.count", Integer.class)).containsExactly(1, 2, 0, 1);
        assertThat(report.getList("bySource.source")).containsExactly(source);
        assertThat(report.getList("byManager.managerId")).containsExactly(MANAGER_A.toString(), MANAGER_B.toString(), null);
        assertThat(report.getList("byManager.count", Integer.class)).containsExactly(2, 1, 1);
        assertThat(report.getString("period.timeZone")).isEqualTo("Europe/Moscow");
        assertThat(Instant.parse(report.getString("asOf"))).isAfterOrEqualTo(Instant.parse("2026-11-04T21:00:00Z"));

        JsonPath onlyA = asHead().queryParam("from", "2026-11-01").queryParam("to", "2026-11-04")
                .queryParam("source", source).queryParam("managerId", MANAGER_A.toString())
                .when().get("/api/v1/metrics/lead-inflow").then().statusCode(200).extract().jsonPath();
        assertThat(onlyA.getLong("total")).isEqualTo(2);
    }

    @Test
    void sameEventDeliveredTwiceCountsOnce() {
        String source = uniqueSource();
        byte[] event = leadCreated("demo", source, null, "2026-11-10T10:00:00Z");
        byte[] marker = leadCreated("demo", source, null, "2026-11-10T11:00:00Z");

        // same key: one partition, so the marker is applied after both copies
        publishWithKey("same-partition", event, event, marker);

        awaitTotal(source, "2026-11-10", "2026-11-10", 2);
        // nothing else trickles in afterwards
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(report(source, "2026-11-10", "2026-11-10").getLong("total")).isEqualTo(2);
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsApplied() {
        String source = uniqueSource();
        String key = "poisoned-" + UUID.randomUUID();
        byte[] garbage = "{\"this is\": \"not a cloud event\"".getBytes(StandardCharsets.UTF_8);
        byte[] good = leadCreated("demo", source, null, "2026-11-11T10:00:00Z");

        publishWithKey(key, garbage, good);

        awaitTotal(source, "2026-11-11", "2026-11-11", 1);
        ConsumerTask<String, String> deadLetters = kafka.consumeStrings().withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.ANALYTICS_DEAD_LETTER);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> deadLetters.getRecords().stream().anyMatch(r -> key.equals(r.key())));
            ConsumerRecord<String, String> dead = deadLetters.getRecords().stream().filter(r -> key.equals(r.key()))
                    .findFirst().orElseThrow();
            assertThat(dead.value()).isEqualTo(new String(garbage, StandardCharsets.UTF_8));
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .startsWith("not a CloudEvent");
            assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.LEAD_EVENTS);
        } finally {
            deadLetters.stop();
        }
    }

    @Test
    void refusesAPeriodThatIsMissingMalformedOrBackwards() {
        asHead().queryParam("to", "2026-11-30").when().get("/api/v1/metrics/lead-inflow")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidFields.field", hasItem("from"));
        asHead().queryParam("from", "01.11.2026").queryParam("to", "2026-11-30").when().get("/api/v1/metrics/lead-inflow")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("from"))
                .body("invalidFields[0].message", equalTo("must be a date like 2026-11-01"));
        asHead().queryParam("from", "2026-11-30").queryParam("to", "2026-11-01").when().get("/api/v1/metrics/lead-inflow")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("to"));
        asHead().queryParam("from", "2024-01-01").queryParam("to", "2026-11-01").when().get("/api/v1/metrics/lead-inflow")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("to"));
        asHead().queryParam("from", "2026-11-01").queryParam("to", "2026-11-02").queryParam("managerId", "bob")
                .when().get("/api/v1/metrics/lead-inflow")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("managerId"));
    }

    @Test
    void anEmptyPeriodAnswersZerosForEveryDay() {
        JsonPath report = report(uniqueSource(), "2026-02-27", "2026-03-01");

        assertThat(report.getLong("total")).isZero();
        assertThat(report.getList("byDay.date")).containsExactly("2026-02-27", "2026-02-28", "2026-03-01");
        assertThat(report.getList("bySource")).isEmpty();
    }

    private static io.restassured.specification.RequestSpecification asHead() {
        return given().auth().oauth2(TestTokens.head("demo"));
    }

    private JsonPath awaitTotal(String source, String from, String to, long expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> report(source, from, to).getLong("total") >= expected);
        JsonPath report = report(source, from, to);
        assertThat(report.getLong("total")).isEqualTo(expected);
        return report;
    }

    private JsonPath report(String source, String from, String to) {
        return asHead().queryParam("from", from).queryParam("to", to).queryParam("source", source)
                .when().get("/api/v1/metrics/lead-inflow")
                .then().statusCode(200).extract().jsonPath();
    }

    private void publish(byte[]... events) {
        for (byte[] event : events) {
            publishWithKey(UUID.randomUUID().toString(), event);
        }
    }

    private void publishWithKey(String key, byte[]... values) {
        List<ProducerRecord<String, byte[]>> records = java.util.Arrays.stream(values)
                .map(value -> new ProducerRecord<>(Topics.LEAD_EVENTS, null, key, value, new RecordHeaders()
                        // as the outbox relay sends them: structured-mode CloudEvents
                        .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .toList();
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    static byte[] leadCreated(String tenant, String source, UUID managerId, String createdAt) {
        Instant at = Instant.parse(createdAt);
        LeadCreated data = new LeadCreated(UUID.randomUUID(), source, managerId, "Client", "+79120000000", null, at);
        return CODEC.encode(new EventMetadata(UUID.randomUUID(), URI.create("/test"), at, tenant, "user:test"), data);
    }

    private static String uniqueSource() {
        return "src-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
