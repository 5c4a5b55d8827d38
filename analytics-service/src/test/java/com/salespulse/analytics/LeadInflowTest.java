package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
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
        publish(
                leadCreated("demo", source, MANAGER_A, "2026-11-02T06:00:00Z"), // 09:00 MSK, 2 Nov
                leadCreated("demo", source, MANAGER_A, "2026-11-01T21:30:00Z"), // 00:30 MSK, 2 Nov
                leadCreated("demo", source, null, "2026-11-01T20:59:00Z"), // 23:59 MSK, 1 Nov
                leadCreated("demo", source, MANAGER_B, "2026-11-04T10:00:00Z"), // 4 Nov
                leadCreated("demo", source, MANAGER_B, "2026-10-31T20:59:00Z"), // 23:59 MSK, 31 Oct: before the period
                leadCreated("demo", source, MANAGER_B, "2026-11-04T21:00:00Z"), // 00:00 MSK, 5 Nov: after the period
                leadCreated("other", source, MANAGER_A, "2026-11-02T06:00:00Z")); // another tenant
        // the events of the period: 1 Nov: 1, 2 Nov: 2, 3 Nov: 0, 4 Nov: 1 -> 4; manager A 2, B 1, unassigned 1 (last)

        JsonPath report = awaitTotal(source, "2026-11-01", "2026-11-04", 4);

        assertThat(report.getList("figures.buckets.start"))
                .containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04");
        assertThat(report.getList("figures.buckets.count", Integer.class)).containsExactly(1, 2, 0, 1);
        assertThat(report.getList("figures.bySource.source")).containsExactly(source);
        assertThat(report.getList("figures.byManager.managerId"))
                .containsExactly(MANAGER_A.toString(), MANAGER_B.toString(), null);
        assertThat(report.getList("figures.byManager.count", Integer.class)).containsExactly(2, 1, 1);
        assertThat(report.getString("period.timeZone")).isEqualTo("Europe/Moscow");
        assertThat(Instant.parse(report.getString("asOf"))).isAfterOrEqualTo(Instant.parse("2026-11-04T21:00:00Z"));

        JsonPath onlyA =
                answer("from", "2026-11-01", "to", "2026-11-04", "source", source, "managerId", MANAGER_A.toString());
        assertThat(onlyA.getLong("figures.total")).isEqualTo(2);
    }

    @Test
    void bucketsByWeekAndMonthWithSharesDistributionAndTheLeadsBehindTheTotal() {
        String source = uniqueSource();
        publish(
                leadCreated("demo", source, MANAGER_A, "2026-11-29T09:00:00Z"), // Sun 29 Nov: week of Mon 23 Nov
                leadCreated("demo", source, MANAGER_A, "2026-11-30T09:00:00Z"), // Mon 30 Nov: week of 30 Nov
                leadCreated("demo", source, MANAGER_A, "2026-12-01T09:00:00Z"), // Tue 1 Dec: week of 30 Nov, December
                leadCreated("demo", source, MANAGER_B, "2026-12-02T09:00:00Z"), // Wed 2 Dec
                leadCreated("demo", source, null, "2026-12-02T10:00:00Z")); // unassigned
        // period 29 Nov - 2 Dec: 5 leads; A 3 (0.6), B 1 (0.2), unassigned 1 (0.2)
        // weeks: 23 Nov -> 1 (only 29 Nov lies in the period), 30 Nov -> 4; months: Nov -> 2, Dec -> 3
        // distribution over A and B: fewest 1, most 3, evenness 1/3 = 0.3333

        awaitTotal(source, "2026-11-29", "2026-12-02", 5);
        JsonPath weeks = answer(
                "from",
                "2026-11-29",
                "to",
                "2026-12-02",
                "source",
                source,
                "groupBy",
                "week",
                "size",
                "2",
                "page",
                "1");
        assertThat(weeks.getString("figures.bucketing")).isEqualTo("WEEK");
        assertThat(weeks.getList("figures.buckets.start")).containsExactly("2026-11-23", "2026-11-30");
        assertThat(weeks.getList("figures.buckets.count", Integer.class)).containsExactly(1, 4);
        assertThat(weeks.getList("figures.byManager.share", Float.class)).containsExactly(0.6f, 0.2f, 0.2f);
        assertThat(weeks.getInt("figures.distribution.managers")).isEqualTo(2);
        assertThat(weeks.getInt("figures.distribution.unassigned")).isEqualTo(1);
        assertThat(weeks.getFloat("figures.distribution.evenness")).isEqualTo(0.3333f);
        assertThat(weeks.getInt("period.workingDays")).isEqualTo(3); // Mon 30 Nov, Tue 1 Dec, Wed 2 Dec
        // drill-down, newest first, page 1 of size 2: the 3rd and 4th newest leads (1 Dec, 30 Nov)
        assertThat(weeks.getString("drillDown.figure")).isEqualTo("total");
        assertThat(weeks.getLong("drillDown.totalItems")).isEqualTo(5);
        assertThat(weeks.getList("drillDown.items.at")).containsExactly("2026-12-01T09:00:00Z", "2026-11-30T09:00:00Z");
        assertThat(weeks.getList("drillDown.items.cardType")).containsOnly("LEAD");
        assertThat(weeks.getList("drillDown.items.managerId")).containsOnly(MANAGER_A.toString());

        JsonPath months = answer("from", "2026-11-29", "to", "2026-12-02", "source", source, "groupBy", "month");
        assertThat(months.getList("figures.buckets.start")).containsExactly("2026-11-01", "2026-12-01");
        assertThat(months.getList("figures.buckets.count", Integer.class)).containsExactly(2, 3);

        // month=2026-12 is 1-31 December: 3 leads
        inflow("month", "2026-12", "source", source)
                .statusCode(200)
                .body("figures.total", equalTo(3))
                .body("period.to", equalTo("2026-12-31"));
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
        assertThat(report(source, "2026-11-10", "2026-11-10").getLong("figures.total"))
                .isEqualTo(2);
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsApplied() {
        String source = uniqueSource();
        String key = "poisoned-" + UUID.randomUUID();
        byte[] garbage = "{\"this is\": \"not a cloud event\"".getBytes(StandardCharsets.UTF_8);
        byte[] good = leadCreated("demo", source, null, "2026-11-11T10:00:00Z");

        publishWithKey(key, garbage, good);

        awaitTotal(source, "2026-11-11", "2026-11-11", 1);
        ConsumerRecord<String, String> dead = parkedWithKey(key).get(0);
        assertThat(dead.value()).isEqualTo(new String(garbage, StandardCharsets.UTF_8));
        assertThat(header(dead, "dead-letter-reason")).startsWith("not a CloudEvent");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.LEAD_EVENTS);
    }

    @Test
    void anEventThatCannotBeAppliedIsParkedAndTheRestOfItsBatchIsApplied() {
        String source = uniqueSource();
        String key = "spoiler-" + UUID.randomUUID();
        byte[] before = leadCreated("demo", source, null, "2026-11-12T09:00:00Z");
        // a valid CloudEvent whose lead has no creation time: the read model refuses it (created_at is required)
        Instant sent = Instant.parse("2026-11-12T10:00:00Z");
        byte[] spoiler = CODEC.encode(
                new EventMetadata(UUID.randomUUID(), URI.create("/test"), sent, "demo", "user:test"),
                LeadEvents.leadWithPhone(UUID.randomUUID(), source, null, null, null));
        byte[] after = leadCreated("demo", source, null, "2026-11-12T11:00:00Z");

        // one key, one send: the three arrive in one partition, in one polled batch as a rule
        publishWithKey(key, before, spoiler, after);

        awaitTotal(source, "2026-11-12", "2026-11-12", 2);
        List<ConsumerRecord<String, String>> parked = parkedWithKey(key);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(new String(spoiler, StandardCharsets.UTF_8));
        assertThat(header(parked.get(0), "dead-letter-topic")).isEqualTo(Topics.LEAD_EVENTS);
        assertThat(parked.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(report(source, "2026-11-12", "2026-11-12").getLong("figures.total"))
                .isEqualTo(2);
    }

    @Test
    void refusesAPeriodThatIsMissingMalformedOrBackwards() {
        inflow("to", "2026-11-30")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("from"));
        refused("from", "from", "01.11.2026", "to", "2026-11-30")
                .body(
                        "invalidFields[0].message",
                        equalTo("must be a date like 2026-11-01 within the years 1900 to 2100"));
        refused("to", "from", "2026-11-30", "to", "2026-11-01");
        refused("to", "from", "2024-01-01", "to", "2026-11-01");
        refused("managerId", "from", "2026-11-01", "to", "2026-11-02", "managerId", "bob");
        refused("month", "month", "2026-13");
        refused("month", "month", "2026-11", "from", "2026-11-01");
        refused("groupBy", "month", "2026-11", "groupBy", "fortnight");
        refused("size", "month", "2026-11", "size", "1000");
        refused("page", "month", "2026-11", "page", "-1");
    }

    @Test
    void anEmptyPeriodAnswersZerosForEveryDay() {
        JsonPath report = report(uniqueSource(), "2026-02-27", "2026-03-01");

        assertThat(report.getLong("figures.total")).isZero();
        assertThat(report.getList("figures.buckets.start")).containsExactly("2026-02-27", "2026-02-28", "2026-03-01");
        assertThat(report.getList("figures.bySource")).isEmpty();
    }

    private static RequestSpecification asHead() {
        return given().auth().oauth2(TestTokens.head("demo"));
    }

    private JsonPath awaitTotal(String source, String from, String to, long expected) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> report(source, from, to).getLong("figures.total") >= expected);
        JsonPath report = report(source, from, to);
        assertThat(report.getLong("figures.total")).isEqualTo(expected);
        return report;
    }

    private JsonPath report(String source, String from, String to) {
        return answer("from", from, "to", to, "source", source);
    }

    /** The head's lead-inflow answer to these query parameters (name, value, name, value...). */
    private static ValidatableResponse inflow(String... params) {
        RequestSpecification request = asHead();
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get("/api/v1/metrics/lead-inflow").then();
    }

    private static JsonPath answer(String... params) {
        return inflow(params).statusCode(200).extract().jsonPath();
    }

    /** A 400 problem naming {@code field} as the invalid one. */
    private static ValidatableResponse refused(String field, String... params) {
        return inflow(params)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(field));
    }

    /** The records parked on the dead-letter topic under {@code key}, once there is one. */
    private List<ConsumerRecord<String, String>> parkedWithKey(String key) {
        ConsumerTask<String, String> deadLetters = kafka.consumeStrings()
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.ANALYTICS_DEAD_LETTER);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> deadLetters.getRecords().stream().anyMatch(r -> key.equals(r.key())));
            return deadLetters.getRecords().stream()
                    .filter(r -> key.equals(r.key()))
                    .toList();
        } finally {
            deadLetters.stop();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void publish(byte[]... events) {
        for (byte[] event : events) {
            publishWithKey(UUID.randomUUID().toString(), event);
        }
    }

    private void publishWithKey(String key, byte[]... values) {
        List<ProducerRecord<String, byte[]>> records = java.util.Arrays.stream(values)
                .map(value -> new ProducerRecord<>(
                        Topics.LEAD_EVENTS,
                        null,
                        key,
                        value,
                        new RecordHeaders()
                                // as the outbox relay sends them: structured-mode CloudEvents
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .toList();
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    static byte[] leadCreated(String tenant, String source, UUID managerId, String createdAt) {
        Instant at = Instant.parse(createdAt);
        LeadCreated data = LeadEvents.leadWithPhone(UUID.randomUUID(), source, managerId, "+79120000000", at);
        return CODEC.encode(new EventMetadata(UUID.randomUUID(), URI.create("/test"), at, tenant, "user:test"), data);
    }

    private static String uniqueSource() {
        return "src-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
