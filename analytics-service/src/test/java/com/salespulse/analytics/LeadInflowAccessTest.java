package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Who may read which figures: roles, a manager's own figures, and tenants kept apart in the read model. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadInflowAccessTest {

    private static final String PERIOD_FROM = "2026-11-12";
    private static final String PERIOD_TO = "2026-11-12";
    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void withoutAValidTokenMetricsAre401() {
        given().queryParam("from", PERIOD_FROM)
                .queryParam("to", PERIOD_TO)
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.expired("acme"))
                .queryParam("from", PERIOD_FROM)
                .queryParam("to", PERIOD_TO)
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(401);
    }

    @Test
    void anIntegratorMayNotReadAnalytics() {
        given().auth()
                .oauth2(TestTokens.integrator("acme"))
                .queryParam("from", PERIOD_FROM)
                .queryParam("to", PERIOD_TO)
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"));
    }

    @Test
    void eachTenantSeesOnlyItsOwnFiguresAndAManagerOnlyTheirs() {
        String acme = "acme-" + UUID.randomUUID();
        String globex = "globex-" + UUID.randomUUID();
        publish(
                LeadInflowTest.leadCreated(acme, "website", ANNA, "2026-11-12T09:00:00Z"),
                LeadInflowTest.leadCreated(acme, "website", ANNA, "2026-11-12T10:00:00Z"),
                LeadInflowTest.leadCreated(acme, "website", BORIS, "2026-11-12T11:00:00Z"),
                LeadInflowTest.leadCreated(globex, "website", ANNA, "2026-11-12T12:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).until(() -> total(TestTokens.head(acme)) == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> total(TestTokens.head(globex)) == 1);

        // Anna's token: her two leads, whatever the filter says
        given().auth()
                .oauth2(TestTokens.manager(acme, ANNA))
                .queryParam("from", PERIOD_FROM)
                .queryParam("to", PERIOD_TO)
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .body("figures.total", equalTo(2))
                .body("figures.byManager.size()", equalTo(1));
        given().auth()
                .oauth2(TestTokens.manager(acme, ANNA))
                .queryParam("from", PERIOD_FROM)
                .queryParam("to", PERIOD_TO)
                .queryParam("managerId", BORIS.toString())
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    private int total(String token) {
        return given().auth()
                .oauth2(token)
                .queryParam("from", PERIOD_FROM)
                .queryParam("to", PERIOD_TO)
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .path("figures.total");
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
