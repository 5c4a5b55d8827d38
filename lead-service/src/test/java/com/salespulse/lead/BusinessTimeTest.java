package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Commands say when they happened ({@code occurredAt}): events carry that business time, the CloudEvent time stays
 * the recording time. Not later than now + 60 s, not before the card began (400), not before its last change (409
 * stale-change); each refusal names occurredAt and writes nothing. The integrator works a lead's lifecycle.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class BusinessTimeTest {

    @Test
    void anIntakeLaterThanNowPlusTheSkewIsRefusedAndWritesNothing() {
        Roster roster = Roster.newTenant();
        String inTwoMinutes = Instant.now().plus(2, ChronoUnit.MINUTES).toString();

        refused(
                roster,
                400,
                () -> as(roster)
                        .body("{\"source\":\"website\",\"phone\":\"+7 912 810-00-01\"," + "\"occurredAt\":\""
                                + inTwoMinutes + "\"}")
                        .when()
                        .post("/api/v1/leads")
                        .then());
        refused(
                roster,
                400,
                () -> as(roster)
                        .body("{\"items\":[{\"source\":\"website\",\"phone\":\"+7 912 810-00-02\","
                                + "\"occurredAt\":\"" + inTwoMinutes + "\"}]}")
                        .when()
                        .post("/api/v1/leads/batch")
                        .then(),
                "items[0].occurredAt");
    }

    @Test
    void aPastIntakeCarriesItsBusinessTimeAndIsNotArchivedByTheStaleRuleAtOnce() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));

        String lead = as(roster)
                .body("{\"source\":\"website\",\"phone\":\"+7 912 810-00-03\",\"managerId\":\"" + anna
                        + "\",\"occurredAt\":\"2024-05-20T12:00:00+03:00\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("createdAt", equalTo("2024-05-20T09:00:00Z"))
                .body("assignedAt", equalTo("2024-05-20T09:00:00Z"))
                .extract()
                .path("id");

        JsonNode created = OutboxRows.last(roster.tenant, "salespulse.lead.created");
        assertThat(created.get("data").get("createdAt").asText()).isEqualTo("2024-05-20T09:00:00Z");
        assertThat(Instant.parse(created.get("time").asText()))
                .isAfter(Instant.now().minus(1, ChronoUnit.MINUTES));
        roster.asHead()
                .when()
                .post("/api/v1/leads/archive-stale")
                .then()
                .statusCode(200)
                .body("changed", equalTo(0));
        roster.asHead().when().get("/api/v1/leads/" + lead).then().body("archivedAt", equalTo(null));
    }

    @Test
    void aChangeBeforeTheLeadCameInIsRefusedNamingOccurredAt() {
        Roster roster = Roster.newTenant();
        String lead = intake(roster, "2025-01-10T10:00:00Z", "+7 912 810-00-04");

        refused(
                roster,
                400,
                () -> as(roster)
                        .body("{\"status\":\"IN_WORK\",\"occurredAt\":\"2025-01-09T10:00:00Z\"}")
                        .when()
                        .post("/api/v1/leads/" + lead + "/status")
                        .then());
        refused(
                roster,
                400,
                () -> as(roster)
                        .body("{\"outcome\":\"BUSY\",\"occurredAt\":\"2025-01-01T00:00:00Z\"}")
                        .when()
                        .post("/api/v1/leads/" + lead + "/contact-attempts")
                        .then());
    }

    @Test
    void aChangeOlderThanTheLeadsLastChangeIsAStaleConflictSayingBothTimes() {
        Roster roster = Roster.newTenant();
        String lead = intake(roster, "2025-01-10T10:00:00Z", "+7 912 810-00-05");
        as(roster)
                .body("{\"status\":\"IN_WORK\",\"occurredAt\":\"2025-01-12T10:00:00Z\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/status")
                .then()
                .statusCode(200);

        refused(
                roster,
                409,
                () -> as(roster)
                        .body("{\"status\":\"QUALIFIED\",\"occurredAt\":\"2025-01-11T10:00:00Z\"}")
                        .when()
                        .post("/api/v1/leads/" + lead + "/status")
                        .then()
                        .body("type", equalTo("urn:salespulse:problem:stale-change"))
                        .body(
                                "detail",
                                allOf(containsString("2025-01-12T10:00:00Z"), containsString("2025-01-11T10:00:00Z"))));
        String state =
                "{\"source\":\"website\",\"phone\":\"+7 912 810-00-06\",\"status\":\"%s\"," + "\"occurredAt\":\"%s\"}";
        as(roster)
                .body(state.formatted("NEW", "2025-01-10T10:00:00Z"))
                .when()
                .put("/api/v1/leads/by-ref/amocrm/s1")
                .then()
                .statusCode(201);
        as(roster)
                .body(state.formatted("IN_WORK", "2025-01-12T10:00:00Z"))
                .when()
                .put("/api/v1/leads/by-ref/amocrm/s1")
                .then()
                .statusCode(200);
        refused(
                roster,
                409,
                () -> as(roster)
                        .body(state.formatted("QUALIFIED", "2025-01-11T00:00:00Z"))
                        .when()
                        .put("/api/v1/leads/by-ref/amocrm/s1")
                        .then());
    }

    @Test
    void aDismissalBeforeHiringIsRefusedAndAnOlderProfileChangeIsStale() {
        Roster roster = Roster.newTenant();
        String vera = as(roster)
                .body("{\"name\":\"Vera\",\"capacity\":5,\"shifts\":[]," + "\"occurredAt\":\"2024-02-01T08:00:00Z\"}")
                .when()
                .put("/api/v1/managers/by-ref/amocrm/u1")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(roster)
                .body("{\"name\":\"Vera\",\"capacity\":7,\"shifts\":[],\"occurredAt\":\"2024-06-01T08:00:00Z\"}")
                .when()
                .put("/api/v1/managers/by-ref/amocrm/u1")
                .then()
                .statusCode(200);

        refused(
                roster,
                400,
                () -> roster.asHead()
                        .body("{\"cards\":\"LEAVE_WITH_HEAD\"," + "\"occurredAt\":\"2024-01-01T00:00:00Z\"}")
                        .when()
                        .post("/api/v1/managers/" + vera + "/dismissal")
                        .then());
        refused(
                roster,
                409,
                () -> as(roster)
                        .body("{\"name\":\"Vera\",\"capacity\":6,\"shifts\":[],"
                                + "\"occurredAt\":\"2024-03-01T08:00:00Z\"}")
                        .when()
                        .put("/api/v1/managers/by-ref/amocrm/u1")
                        .then());
        roster.asHead()
                .body("{\"cards\":\"LEAVE_WITH_HEAD\",\"occurredAt\":\"2024-09-01T08:00:00Z\"}")
                .when()
                .post("/api/v1/managers/" + vera + "/dismissal")
                .then()
                .statusCode(200)
                .body("manager.dismissedAt", equalTo("2024-09-01T08:00:00Z"));
    }

    @Test
    void theIntegratorWorksALeadThroughItsLifecycleAtBusinessTimesAndAResentConversionChangesNothing() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String lead = as(roster)
                .body("{\"source\":\"website\",\"phone\":\"+7 912 810-00-07\",\"managerId\":\"" + anna
                        + "\",\"occurredAt\":\"2025-02-01T09:00:00Z\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        as(roster)
                .body("{\"outcome\":\"REACHED\",\"occurredAt\":\"2025-02-01T10:00:00Z\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/contact-attempts")
                .then()
                .statusCode(201)
                .body("attemptedAt", equalTo("2025-02-01T10:00:00Z"));
        as(roster)
                .when()
                .get("/api/v1/leads/" + lead + "/contact-attempts")
                .then()
                .statusCode(200);
        for (String status : List.of("IN_WORK", "QUALIFIED")) {
            as(roster)
                    .body("{\"status\":\"" + status + "\",\"occurredAt\":\"2025-02-02T09:00:00Z\"}")
                    .when()
                    .post("/api/v1/leads/" + lead + "/status")
                    .then()
                    .statusCode(200);
        }
        String convert = "{\"occurredAt\":\"2025-02-03T09:00:00Z\",\"dealRef\":{\"externalSystem\":\"amocrm\","
                + "\"externalId\":\"d-7\"}}";
        as(roster)
                .body(convert)
                .when()
                .post("/api/v1/leads/" + lead + "/convert")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONVERTED"));
        Map<String, Long> afterConversion = Tables.of(roster.tenant);
        as(roster)
                .body(convert)
                .when()
                .post("/api/v1/leads/" + lead + "/convert")
                .then()
                .statusCode(200);

        assertThat(Tables.of(roster.tenant)).isEqualTo(afterConversion);
        JsonNode converted =
                OutboxRows.last(roster.tenant, "salespulse.lead.converted").get("data");
        assertThat(converted.get("convertedAt").asText()).isEqualTo("2025-02-03T09:00:00Z");
        assertThat(converted.get("dealExternalSystem").asText()).isEqualTo("amocrm");
        assertThat(converted.get("dealExternalId").asText()).isEqualTo("d-7");
        assertThat(OutboxRows.last(roster.tenant, "salespulse.lead.status-changed")
                        .get("data")
                        .get("changedAt")
                        .asText())
                .isEqualTo("2025-02-02T09:00:00Z");
        assertThat(OutboxRows.last(roster.tenant, "salespulse.lead.contact-attempted")
                        .get("data")
                        .get("attemptedAt")
                        .asText())
                .isEqualTo("2025-02-01T10:00:00Z");
    }

    private static String intake(Roster roster, String occurredAt, String phone) {
        return as(roster)
                .body("{\"source\":\"website\",\"phone\":\"" + phone + "\",\"occurredAt\":\"" + occurredAt + "\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static RequestSpecification as(Roster roster) {
        return given().auth().oauth2(TestTokens.integrator(roster.tenant)).contentType(ContentType.JSON);
    }

    private static void refused(Roster roster, int status, java.util.function.Supplier<ValidatableResponse> request) {
        refused(roster, status, request, "occurredAt");
    }

    /** A problem with this status naming {@code field}, and every table of the tenant as it was. */
    private static void refused(
            Roster roster, int status, java.util.function.Supplier<ValidatableResponse> request, String field) {
        Map<String, Long> before = Tables.of(roster.tenant);
        request.get()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("invalidFields.field", org.hamcrest.Matchers.hasItem(field));
        assertThat(Tables.of(roster.tenant)).isEqualTo(before);
    }
}
