package com.salespulse.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Envelopes the push ingress refuses before any owner is called, each with a problem naming the attribute or data
 * field, and the request limits (the test profile takes 20 events a batch and 64 KiB a request).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class PushInputTest {

    private static final String TENANT = "push-input";
    private static final String DATA = "{\"externalSystem\":\"amocrm\",\"externalId\":\"7\",\"name\":\"Olga\"}";
    private static final String GOOD = "{\"specversion\":\"1.0\",\"id\":\"x-1\",\"source\":\"amocrm\","
            + "\"type\":\"salespulse.roster.manager-hired\",\"time\":\"2025-01-09T09:00:00+03:00\","
            + "\"data\":" + DATA + "}";

    private final String integrator = TestTokens.integrator(TENANT);

    @BeforeEach
    void reset() {
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
    }

    static Stream<Arguments> badStructuredEvents() {
        return Stream.of(
                Arguments.of("no id", GOOD.replace("\"id\":\"x-1\",", ""), "id"),
                Arguments.of("blank id", GOOD.replace("\"id\":\"x-1\"", "\"id\":\" \""), "id"),
                Arguments.of("numeric id", GOOD.replace("\"id\":\"x-1\"", "\"id\":1"), "id"),
                Arguments.of("id too long", GOOD.replace("x-1", "x".repeat(201)), "id"),
                Arguments.of("NUL in id", GOOD.replace("x-1", "x\\u0000"), "id"),
                Arguments.of("no source", GOOD.replace("\"source\":\"amocrm\",", ""), "source"),
                Arguments.of("no type", GOOD.replace("\"type\":\"salespulse.roster.manager-hired\",", ""), "type"),
                Arguments.of("unknown type", GOOD.replace("manager-hired", "manager-promoted"), "type"),
                Arguments.of(
                        "a suite event an integrator does not send",
                        GOOD.replace("salespulse.roster.manager-hired", "salespulse.alert.raised"),
                        "type"),
                Arguments.of("no specversion", GOOD.replace("\"specversion\":\"1.0\",", ""), "specversion"),
                Arguments.of("specversion 0.3", GOOD.replace("\"1.0\"", "\"0.3\""), "specversion"),
                Arguments.of("a time that is none", GOOD.replace("2025-01-09T09:00:00+03:00", "yesterday"), "time"),
                Arguments.of("no data", GOOD.replace(",\"data\":" + DATA, ""), "data"),
                Arguments.of("data not an object", GOOD.replace(DATA, "[1,2]"), "data"),
                Arguments.of(
                        "data of another content type",
                        GOOD.replace("\"data\":", "\"datacontenttype\":\"text/plain\",\"data\":"),
                        "datacontenttype"),
                Arguments.of(
                        "no externalSystem", GOOD.replace("\"externalSystem\":\"amocrm\",", ""), "data.externalSystem"),
                Arguments.of(
                        "upper-case externalSystem",
                        GOOD.replace("\"amocrm\",\"externalId\"", "\"AmoCRM\",\"externalId\""),
                        "data.externalSystem"),
                Arguments.of("no externalId", GOOD.replace("\"externalId\":\"7\",", ""), "data.externalId"),
                Arguments.of(
                        "externalId with a slash",
                        GOOD.replace("\"externalId\":\"7\"", "\"externalId\":\"7/8\""),
                        "data.externalId"),
                Arguments.of(
                        "numeric externalId",
                        GOOD.replace("\"externalId\":\"7\"", "\"externalId\":7"),
                        "data.externalId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStructuredEvents")
    void aMalformedStructuredEventIsRefusedNamingTheAttributeAndNoOwnerIsCalled(
            String why, String event, String field) {
        Pushes.structured(integrator, event)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(field))
                .body("requestId", notNullValue())
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
        assertThat(OwnerStub.LEAD.calls()).isEmpty();
    }

    @Test
    void theWellFormedEventOfThoseCasesIsAccepted() {
        Pushes.structured(integrator, GOOD.replace("x-1", Pushes.newId()))
                .then()
                .statusCode(201);
    }

    @Test
    void aBinaryModeEventWithoutARequiredHeaderIsRefusedNamingTheAttribute() {
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(integrator)
                .contentType("application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", Pushes.newId())
                .header("ce-source", "amocrm")
                .body(DATA.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("type"))
                .body("invalidFields[0].message", containsString("ce-type"));
        // a structured event sent as plain JSON is a binary-mode request without headers
        Pushes.post(integrator, "application/json", GOOD)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("specversion"))
                .body("invalidFields[0].message", containsString("application/cloudevents+json"));
        Pushes.binary(integrator, Pushes.newId(), "salespulse.roster.manager-hired", "not-a-time", DATA)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("time"));
        Pushes.binary(integrator, Pushes.newId(), "salespulse.roster.manager-hired", null, "{\"name\":")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("data"));
        assertThat(OwnerStub.LEAD.calls()).isEmpty();
    }

    @Test
    void aBodyThatIsNoBatchOfEventsIsRefusedWhole() {
        Pushes.post(integrator, Pushes.BATCH, GOOD)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("JSON array"));
        Pushes.post(integrator, Pushes.BATCH, "[]").then().statusCode(400);
        Pushes.post(integrator, Pushes.BATCH, "[{\"id\":1,\"id\":2}]").then().statusCode(400);
        Pushes.post(integrator, Pushes.STRUCTURED, "{not json")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(OwnerStub.LEAD.calls()).isEmpty();
    }

    @Test
    void aBatchOverTheEventLimitOrABodyOverTheSizeLimitIs413AndAppliesNothing() {
        String[] events = new String[21];
        for (int i = 0; i < events.length; i++) {
            events[i] = GOOD.replace("x-1", Pushes.newId());
        }
        Pushes.batch(integrator, events)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 20"));
        String large = GOOD.replace("\"name\":\"Olga\"", "\"name\":\"" + "O".repeat(70_000) + "\"");
        Pushes.structured(integrator, large).then().statusCode(413).contentType("application/problem+json");
        assertThat(OwnerStub.LEAD.calls()).isEmpty();
    }

    @Test
    void anotherMediaTypeIs415() {
        Pushes.post(integrator, "text/plain", GOOD).then().statusCode(415).contentType("application/problem+json");
        Pushes.post(integrator, "application/x-ndjson", GOOD).then().statusCode(415);
    }
}
