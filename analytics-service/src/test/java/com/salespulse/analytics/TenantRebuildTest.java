package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * A head of sales rebuilds their own tenant's read model over HTTP: the tenant's figures come back from the topics as
 * the live model had them, another tenant's rows are not touched (not even repaired), the tenant is the token's, and a
 * head sees only their own tenant's rebuilds.
 * <p>
 * The read model is spoiled on purpose before the rebuild (rows deleted behind the projections' back, as a projection
 * bug would), so a rebuild that did nothing could not pass.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TenantRebuildTest {

    private static final UUID ANNA = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Test
    void aHeadRebuildsTheirOwnTenantAndNoOtherWhileEveryTenantKeepsAnswering() throws Exception {
        String a = TestTenants.fresh();
        String b = TestTenants.fresh();
        // A: 2 Nov, 3 Nov, 10 Nov -> 3 leads; B: 2 Nov, 20 Nov -> 2 leads
        byte[] first = LeadInflowTest.leadCreated(a, "website", ANNA, "2026-11-02T06:00:00Z");
        publish(
                first,
                LeadInflowTest.leadCreated(a, "website", ANNA, "2026-11-03T06:00:00Z"),
                LeadInflowTest.leadCreated(a, "call", null, "2026-11-10T06:00:00Z"),
                LeadInflowTest.leadCreated(b, "website", null, "2026-11-02T06:00:00Z"),
                LeadInflowTest.leadCreated(b, "call", null, "2026-11-20T06:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> total(a) == 3 && total(b) == 2);
        String liveA = leadInflow(a).prettify();

        // a projection bug loses all of A's leads and one of B's
        sql("delete from lead_fact where tenant_id = ?", a);
        sql("delete from lead_fact where tenant_id = ? and created_at = '2026-11-20T06:00:00Z'", b);
        assertThat(total(a)).isZero();
        assertThat(total(b)).isEqualTo(1);
        String spoiledB = leadInflow(b).prettify();

        JsonPath started = given().auth()
                .oauth2(TestTokens.head(a))
                .when()
                .post("/api/v1/read-model/tenant-rebuild")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
        assertThat(started.getString("scope")).isEqualTo("TENANT");
        assertThat(started.getInt("generation")).isNegative(); // a scratch generation, never a live one
        String rebuildOfA = started.getString("id");

        JsonPath done = awaitFinished(a);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("DONE");
        assertThat(done.getString("id")).isEqualTo(rebuildOfA);
        assertThat(done.getLong("eventsApplied")).isEqualTo(3); // A's three events, nobody else's
        assertThat(done.getFloat("percent")).isEqualTo(100f);

        // A answers exactly as before the bug, asOf and drill-down included; B is untouched, its loss still there
        assertThat(leadInflow(a).prettify()).isEqualTo(liveA);
        assertThat(leadInflow(b).prettify()).isEqualTo(spoiledB);
        // B's head sees no rebuild of their tenant, ops' all-tenant progress does not show A's either
        progress(b).body("state", equalTo("IDLE"));
        assertThat(given().auth()
                        .oauth2(TestTokens.ops())
                        .get("/api/v1/read-model/rebuild")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("id"))
                .isNotEqualTo(rebuildOfA);

        // the tenant is the token's: naming another one is refused, and nothing starts
        given().auth()
                .oauth2(TestTokens.head(b))
                .queryParam("tenant", a)
                .when()
                .post("/api/v1/read-model/tenant-rebuild")
                .then()
                .statusCode(400)
                .body(containsString("tenant"));
        progress(a).body("id", equalTo(rebuildOfA));
        progress(b).body("state", equalTo("IDLE"));

        // B's head rebuilds B: B is repaired, A stays as it was
        given().auth()
                .oauth2(TestTokens.head(b))
                .when()
                .post("/api/v1/read-model/tenant-rebuild")
                .then()
                .statusCode(202);
        assertThat(awaitFinished(b).getString("state")).isEqualTo("DONE");
        assertThat(total(b)).isEqualTo(2);
        assertThat(leadInflow(a).prettify()).isEqualTo(liveA);
        progress(a).body("id", equalTo(rebuildOfA));

        // live applies go on into the rebuilt rows: an old event of A delivered again changes nothing, a new lead
        // counts once (one key: one partition, so the fifth lead is applied after the others): 3 + 2 = 5
        String key = UUID.randomUUID().toString();
        byte[] fourth = LeadInflowTest.leadCreated(a, "call", null, "2026-11-21T06:00:00Z");
        byte[] fifth = LeadInflowTest.leadCreated(a, "call", null, "2026-11-22T06:00:00Z");
        publishWithKey(key, first, fourth, fourth, fifth);
        await().atMost(Duration.ofSeconds(30)).until(() -> total(a) >= 5);
        assertThat(total(a)).isEqualTo(5);
    }

    @Test
    void oneRebuildAtATimePerTenantAndOtherTenantsAreNotHeldUp() throws Exception {
        String c = TestTenants.fresh();
        String d = TestTenants.fresh();
        // another instance runs C's rebuild: its row, with a fresh heartbeat, is all this instance knows of it
        UUID running = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into read_model_rebuild (id, scope, tenant, state, generation, replaced_generation, "
                                + "requested_by, instance, started_at, heartbeat_at) "
                                + "values (?, 'TENANT', ?, 'RUNNING', -999999, 1, 'user:head', 'analytics-2', now(), now())")) {
            insert.setObject(1, running);
            insert.setString(2, c);
            insert.executeUpdate();
        }
        try {
            given().auth()
                    .oauth2(TestTokens.head(c))
                    .when()
                    .post("/api/v1/read-model/tenant-rebuild")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
            progress(c).body("id", equalTo(running.toString())).body("instance", equalTo("analytics-2"));

            given().auth()
                    .oauth2(TestTokens.head(d))
                    .when()
                    .post("/api/v1/read-model/tenant-rebuild")
                    .then()
                    .statusCode(202);
            assertThat(awaitFinished(d).getString("state")).isEqualTo("DONE");
        } finally {
            sql("update read_model_rebuild set state = 'FAILED' where tenant = ?", c);
        }
    }

    private static JsonPath awaitFinished(String tenant) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            String state = progress(tenant).extract().jsonPath().getString("state");
            return !"RUNNING".equals(state) && !"SWAPPING".equals(state);
        });
        return progress(tenant).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse progress(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/read-model/tenant-rebuild")
                .then()
                .statusCode(200);
    }

    private static long total(String tenant) {
        return leadInflow(tenant).getLong("figures.total");
    }

    private static JsonPath leadInflow(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("month", "2026-11")
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void sql(String sql, String tenant) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            statement.executeUpdate();
        }
    }

    private void publish(byte[]... events) {
        for (byte[] event : events) {
            publishWithKey(UUID.randomUUID().toString(), event);
        }
    }

    private void publishWithKey(String key, byte[]... events) {
        for (byte[] event : events) {
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(
                            Topics.LEAD_EVENTS,
                            null,
                            key,
                            event,
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                    .awaitCompletion();
        }
    }
}
