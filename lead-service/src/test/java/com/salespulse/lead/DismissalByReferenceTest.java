package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An integrator dismisses a manager named by their reference, at the dismissal's business time: the same dismissal
 * sent again changes nothing, a dry run writes nothing, and another tenant's references name nobody.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DismissalByReferenceTest {

    private static final String LEAVING = "/api/v1/managers/by-ref/amocrm/u1/dismissal";
    private static final String TO_KIRA = "{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerRefs\":[{\"externalSystem\":"
            + "\"amocrm\",\"externalId\":\"kira\"}],\"occurredAt\":\"2025-06-01T09:00:00Z\"}";

    @Test
    void theSameDismissalSentTwiceDismissesOnceWithOneSetOfEvents() {
        Roster roster = Roster.newTenant();
        String leaving = hire(roster, "u1", "Leaving");
        String kira = hire(roster, "kira", "Kira");
        String lead = roster.leadFor(leaving, "+7 912 800-00-31");
        int before = OutboxRows.types(roster.tenant).size();

        String transfer = as(roster)
                .body(TO_KIRA)
                .when()
                .post(LEAVING)
                .then()
                .statusCode(200)
                .body("manager.id", equalTo(leaving))
                .body("manager.status", equalTo("DISMISSED"))
                .body("manager.dismissedAt", equalTo("2025-06-01T09:00:00Z"))
                .body("transferId", notNullValue())
                .extract()
                .path("transferId");
        assertThat(roster.managerOf(lead)).isEqualTo(kira);
        List<String> events = OutboxRows.types(roster.tenant);
        Map<String, Long> tables = Tables.of(roster.tenant);

        as(roster)
                .body(TO_KIRA)
                .when()
                .post(LEAVING)
                .then()
                .statusCode(200)
                .body("manager.status", equalTo("DISMISSED"))
                .body("transferId", equalTo(transfer));

        assertThat(OutboxRows.types(roster.tenant)).isEqualTo(events);
        assertThat(Tables.of(roster.tenant)).isEqualTo(tables);
        assertThat(events.subList(before, events.size()))
                .containsExactly(
                        "salespulse.roster.manager-dismissed",
                        "salespulse.roster.card-transfer-started",
                        "salespulse.lead.assigned",
                        "salespulse.roster.lead-cards-transferred");
        assertThat(OutboxRows.last(roster.tenant, "salespulse.roster.manager-dismissed")
                        .get("data")
                        .get("externalId")
                        .asText())
                .isEqualTo("u1");
    }

    @Test
    void anotherDismissalOfADismissedManagerIsStillAConflict() {
        Roster roster = Roster.newTenant();
        hire(roster, "u1", "Leaving");
        hire(roster, "kira", "Kira");
        as(roster).body(TO_KIRA).when().post(LEAVING).then().statusCode(200);
        Map<String, Long> tables = Tables.of(roster.tenant);

        as(roster)
                .body(TO_KIRA.replace("2025-06-01", "2025-06-02"))
                .when()
                .post(LEAVING)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as(roster)
                .body("{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .when()
                .post(LEAVING)
                .then()
                .statusCode(409);

        assertThat(Tables.of(roster.tenant)).isEqualTo(tables);
    }

    @Test
    void aDryRunAnswersAsTheRealDismissalAndWritesNothing() {
        Roster roster = Roster.newTenant();
        String leaving = hire(roster, "u1", "Leaving");
        roster.leadFor(leaving, "+7 912 800-00-32");
        hire(roster, "kira", "Kira");
        Map<String, Long> tables = Tables.of(roster.tenant);
        List<String> events = OutboxRows.types(roster.tenant);

        as(roster)
                .queryParam("dryRun", "true")
                .body(TO_KIRA)
                .when()
                .post(LEAVING)
                .then()
                .statusCode(200)
                .body("manager.status", equalTo("DISMISSED"))
                .body("transferId", notNullValue());
        as(roster)
                .queryParam("dryRun", "true")
                .body(TO_KIRA.replace("kira", "nobody"))
                .when()
                .post(LEAVING)
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("toManagerRefs[0].externalId")));

        assertThat(Tables.of(roster.tenant)).isEqualTo(tables);
        assertThat(OutboxRows.types(roster.tenant)).isEqualTo(events);
        as(roster)
                .when()
                .get("/api/v1/managers/" + leaving)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void aDismissalInTheFutureOrBeforeHiringIsRefusedNamingOccurredAt() {
        Roster roster = Roster.newTenant();
        hire(roster, "u1", "Leaving");
        Map<String, Long> tables = Tables.of(roster.tenant);

        as(roster)
                .body("{\"cards\":\"LEAVE_WITH_HEAD\",\"occurredAt\":\"2099-01-01T00:00:00Z\"}")
                .when()
                .post(LEAVING)
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("occurredAt")));
        as(roster)
                .body("{\"cards\":\"LEAVE_WITH_HEAD\",\"occurredAt\":\"2024-12-31T00:00:00Z\"}")
                .when()
                .post(LEAVING)
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("occurredAt")));

        assertThat(Tables.of(roster.tenant)).isEqualTo(tables);
    }

    @Test
    void receiversByIdAndByReferenceTogetherAreRefusedNamingTheRefs() {
        Roster roster = Roster.newTenant();
        hire(roster, "u1", "Leaving");
        String kira = hire(roster, "kira", "Kira");

        as(roster)
                .body(TO_KIRA.replace("\"toManagerRefs\"", "\"toManagerIds\":[\"" + kira + "\"],\"toManagerRefs\""))
                .when()
                .post(LEAVING)
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("toManagerRefs")));
    }

    @Test
    void onlyHeadsAndIntegratorsOfTheTenantDismissByReference() {
        Roster roster = Roster.newTenant();
        hire(roster, "u1", "Leaving");
        String body = "{\"cards\":\"LEAVE_WITH_HEAD\"}";

        as(roster)
                .body(body)
                .when()
                .post("/api/v1/managers/by-ref/amocrm/nobody/dismissal")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.integrator(Roster.newTenant().tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(LEAVING)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.manager(roster.tenant, UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(LEAVING)
                .then()
                .statusCode(403);
        roster.asHead()
                .body(body)
                .when()
                .post(LEAVING)
                .then()
                .statusCode(200)
                .body("manager.status", equalTo("DISMISSED"));
    }

    /** Hires by reference, at the start of 2025, on shift all day. */
    private static String hire(Roster roster, String externalId, String name) {
        return as(roster)
                .body("{\"name\":\"" + name + "\",\"capacity\":10,\"shifts\":" + Roster.everyDay("00:00", "23:59")
                        + ",\"occurredAt\":\"2025-01-01T00:00:00Z\"}")
                .when()
                .put("/api/v1/managers/by-ref/amocrm/" + externalId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static RequestSpecification as(Roster roster) {
        return given().auth().oauth2(TestTokens.integrator(roster.tenant)).contentType(ContentType.JSON);
    }
}
