package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Rebuilding the read model from the topics, while it keeps answering, gives the same figures as the live one. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ReadModelRebuildTest {

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aRebuiltReadModelAnswersExactlyAsTheLiveOneAndKeepsApplyingNewEvents() {
        String tenant = TenantSettingsTest.uniqueTenant();
        publish(LeadInflowTest.leadCreated(tenant, "website", ANNA, "2026-11-02T06:00:00Z"),
                LeadInflowTest.leadCreated(tenant, "website", ANNA, "2026-11-03T06:00:00Z"),
                LeadInflowTest.leadCreated(tenant, "call", BORIS, "2026-11-10T06:00:00Z"),
                LeadInflowTest.leadCreated(tenant, "call", null, "2026-11-20T06:00:00Z"),
                "not an event".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> leadInflow(tenant, "day").getLong("figures.total") == 4);
        String liveByDay = leadInflow(tenant, "day").prettify();
        String liveByWeek = leadInflow(tenant, "week").prettify();
        String liveAnna = given().auth().oauth2(TestTokens.manager(tenant, ANNA)).queryParam("month", "2026-11")
                .when().get("/api/v1/metrics/lead-inflow").then().statusCode(200).extract().asString();

        JsonPath started = given().auth().oauth2(TestTokens.ops()).when().post("/api/v1/read-model/rebuild")
                .then().statusCode(202).extract().jsonPath();
        int generation = started.getInt("generation");
        assertThat(generation).isEqualTo(started.getInt("replacedGeneration") + 1);
        // the model keeps answering while it is rebuilt
        assertThat(leadInflow(tenant, "day").getLong("figures.total")).isEqualTo(4);

        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(progress().getString("state"))
                && !"SWAPPING".equals(progress().getString("state")));
        JsonPath done = progress();
        assertThat(done.getString("state")).isEqualTo("DONE");
        assertThat(done.getFloat("percent")).isEqualTo(100f);
        assertThat(done.getLong("eventsRead")).isGreaterThanOrEqualTo(done.getLong("eventsTotal"));
        assertThat(done.getLong("eventsApplied")).isGreaterThanOrEqualTo(4);
        assertThat(done.getLong("eventsSkipped")).isGreaterThanOrEqualTo(1); // at least the malformed record

        // every answer of the rebuilt model equals the live one, drill-down and asOf included
        assertThat(leadInflow(tenant, "day").prettify()).isEqualTo(liveByDay);
        assertThat(leadInflow(tenant, "week").prettify()).isEqualTo(liveByWeek);
        assertThat(given().auth().oauth2(TestTokens.manager(tenant, ANNA)).queryParam("month", "2026-11")
                .when().get("/api/v1/metrics/lead-inflow").then().statusCode(200).extract().asString()).isEqualTo(liveAnna);

        // a second rebuild while none runs is allowed; a new event after the swap counts exactly once
        publish(LeadInflowTest.leadCreated(tenant, "call", BORIS, "2026-11-21T06:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> leadInflow(tenant, "day").getLong("figures.total") == 5);
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(leadInflow(tenant, "day").getLong("figures.total")).isEqualTo(5);
    }

    @Test
    void onlyHeadAndOpsMayRebuildAndAManagerMayNotSeeProgress() {
        given().auth().oauth2(TestTokens.manager("demo", ANNA)).when().post("/api/v1/read-model/rebuild")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.integrator("demo")).when().get("/api/v1/read-model/rebuild")
                .then().statusCode(403);
    }

    private static JsonPath progress() {
        return given().auth().oauth2(TestTokens.ops()).when().get("/api/v1/read-model/rebuild")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath leadInflow(String tenant, String groupBy) {
        return given().auth().oauth2(TestTokens.head(tenant)).queryParam("month", "2026-11").queryParam("groupBy", groupBy)
                .when().get("/api/v1/metrics/lead-inflow").then().statusCode(200).extract().jsonPath();
    }

    private void publish(byte[]... events) {
        for (byte[] event : events) {
            kafka.produce(String.class, byte[].class).fromRecords(new ProducerRecord<>(Topics.LEAD_EVENTS, null,
                    UUID.randomUUID().toString(), event, new RecordHeaders()
                            .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                    .awaitCompletion();
        }
    }
}
