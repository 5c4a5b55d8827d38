package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every write endpoint against bad bodies: each answers a 4xx problem+json and writes no row and no event.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class HostileInputTest {

    private static final String TOKEN = TestTokens.integrator("hostile");

    @Inject
    OutboxEventRepository outbox;

    static Map<String, String> badBodies() {
        String huge = "x".repeat(2 * 1024 * 1024);
        return Map.ofEntries(
                Map.entry("broken JSON", "{\"source\":"),
                Map.entry("not an object", "[1,2,3]"),
                Map.entry("unknown field", "{\"version\":0,\"source\":\"web\",\"phone\":\"+79120000000\",\"tenantId\":\"other\"}"),
                Map.entry("wrong type", "{\"version\":\"zero\",\"source\":42,\"phone\":true}"),
                Map.entry("out of range", "{\"version\":-1,\"source\":\"" + "s".repeat(65) + "\",\"phone\":\"12\"}"),
                Map.entry("bad e-mail", "{\"version\":0,\"source\":\"web\",\"email\":\"not-an-email\"}"),
                Map.entry("empty", ""),
                Map.entry("oversized", "{\"version\":0,\"source\":\"web\",\"phone\":\"+79120000000\",\"comment\":\"" + huge + "\"}"));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return badBodies().entrySet().stream().flatMap(body -> java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("POST /api/v1/leads", body.getKey(), body.getValue()),
                org.junit.jupiter.params.provider.Arguments.of("PATCH /api/v1/leads/{id}", body.getKey(), body.getValue())));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void isRefusedAsAProblemAndWritesNothing(String endpoint, String what, String body) {
        String leadId = endpoint.startsWith("PATCH") ? existingLead() : null;
        long leadsBefore = count("select count(*) from lead");
        long eventsBefore = count("select count(*) from outbox_event");

        var request = given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(body).when();
        Response response = leadId == null ? request.post("/api/v1/leads") : request.patch("/api/v1/leads/" + leadId);

        assertThat(response.statusCode()).as(what).isBetween(400, 499);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.body().asString()).as(what).doesNotContain("Exception").doesNotContain("com.salespulse")
                .doesNotContain("SQL");
        assertThat(count("select count(*) from lead")).as(what).isEqualTo(leadsBefore);
        assertThat(count("select count(*) from outbox_event")).as(what).isEqualTo(eventsBefore);
    }

    private static String existingLead() {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body("{\"source\":\"website\",\"phone\":\"+7 912 345-67-89\"}")
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) outbox.getEntityManager()
                .createNativeQuery(sql).getSingleResult()).longValue());
    }

}
