package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.roles.RoleMatrix;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every documented operation refuses no token, an expired one, and each role it does not declare; and one with an id
 * in its path answers another tenant's tokens on this tenant's lead, client, manager, team or transfer 404 (403 for a
 * role it does not declare), changing nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RoleMatrixTest {

    private static final String UPSERT = "an upsert by reference: the reference is looked up in the caller's own "
            + "tenant, so tenant B's call writes B's own record and cannot reach A's "
            + "(aPutByAnotherTenantOnTheSameReferenceWritesItsOwnAndLeavesThisTenantsAlone)";

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesTheRolesItDoesNotDeclare() {
        return RoleMatrix.ofThisService()
                .otherTenantOn(fixtures())
                .otherTenantReadVia("/api/v1/teams/{id}", ids -> "/api/v1/teams")
                .otherTenantReadVia(
                        "/api/v1/managers/{id}/absences/{absenceId}", ids -> "/api/v1/managers/" + ids.get(0))
                .otherTenantBody("PATCH /api/v1/leads/{id}", "{\"version\":0,\"comment\":\"call back\"}")
                .otherTenantBody("POST /api/v1/leads/{id}/status", "{\"status\":\"IN_WORK\"}")
                .otherTenantBody("POST /api/v1/leads/{id}/contact-attempts", "{\"outcome\":\"NO_ANSWER\"}")
                .otherTenantBody("PATCH /api/v1/clients/{id}", "{\"version\":0,\"kind\":\"PERSON\",\"name\":\"Ivan\"}")
                .otherTenantBody("PATCH /api/v1/managers/{id}", "{\"version\":0,\"capacity\":12}")
                .otherTenantBody("PATCH /api/v1/teams/{id}", "{\"version\":0,\"name\":\"Renamed\"}")
                .otherTenantBody("PUT /api/v1/teams/{id}/lead", "{\"version\":0}")
                .otherTenantBody(
                        "POST /api/v1/managers/{id}/absences",
                        "{\"kind\":\"VACATION\",\"from\":\"2027-01-10T06:00:00Z\",\"to\":\"2027-01-20T06:00:00Z\"}")
                .otherTenantBody("POST /api/v1/managers/{id}/dismissal", "{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .otherTenantBody(
                        "POST /api/v1/managers/by-ref/{externalSystem}/{externalId}/dismissal",
                        "{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .withoutOtherTenantFixture("PUT /api/v1/leads/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/clients/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/managers/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/teams/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/contact-attempts/by-ref/{externalSystem}/{externalId}", UPSERT)
                .tests();
    }

    @Test
    void aPutByAnotherTenantOnTheSameReferenceWritesItsOwnAndLeavesThisTenantsAlone() {
        String tenantA = TestTenants.fresh();
        String tenantB = TestTenants.fresh();
        String ref = leadByRef(tenantA);
        String before = get(tenantA, "/api/v1/leads/by-ref/amocrm/" + ref, 200);

        String ofB = given().auth()
                .oauth2(TestTokens.integrator(tenantB))
                .contentType(ContentType.JSON)
                .body("{\"source\":\"partner\",\"phone\":\"+7 913 555-00-09\",\"managerId\":\"" + manager(tenantB)
                        + "\"}")
                .put("/api/v1/leads/by-ref/amocrm/" + ref)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(get(tenantA, "/api/v1/leads/by-ref/amocrm/" + ref, 200)).isEqualTo(before);
        assertThat(ofB).isNotEqualTo(JsonPath.from(before).getString("id"));
        assertThat(JsonPath.from(get(tenantB, "/api/v1/leads/" + ofB, 200)).getString("source"))
                .isEqualTo("partner");
        get(tenantB, "/api/v1/leads/" + JsonPath.from(before).getString("id"), 404);
    }

    private static String get(String tenant, String path, int status) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .get(path)
                .then()
                .statusCode(status)
                .extract()
                .asString();
    }

    /** Per path template, a creator of a real resource of the given tenant: the values of the template's ids. */
    private static Map<String, Function<String, List<String>>> fixtures() {
        return Map.ofEntries(
                Map.entry("/api/v1/leads/{id}", tenant -> List.of(lead(tenant))),
                Map.entry(
                        "/api/v1/leads/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", leadByRef(tenant))),
                Map.entry("/api/v1/clients/{id}", tenant -> List.of(client(tenant))),
                Map.entry(
                        "/api/v1/clients/by-ref/{externalSystem}/{externalId}",
                        tenant ->
                                List.of("amocrm", byRef(tenant, "clients", "{\"kind\":\"PERSON\",\"name\":\"Ivan\"}"))),
                Map.entry("/api/v1/managers/{id}", tenant -> List.of(manager(tenant))),
                Map.entry("/api/v1/managers/{id}/absences/{absenceId}", RoleMatrixTest::absence),
                Map.entry(
                        "/api/v1/managers/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of(
                                "amocrm",
                                byRef(tenant, "managers", "{\"name\":\"Vera\",\"capacity\":10,\"shifts\":[]}"))),
                Map.entry(
                        "/api/v1/teams/{id}",
                        tenant -> List.of(post(tenant, "/api/v1/teams", "{\"name\":\"Inbound\"}"))),
                Map.entry(
                        "/api/v1/teams/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", byRef(tenant, "teams", "{\"name\":\"Outbound\"}"))),
                Map.entry("/api/v1/transfers/{id}", tenant -> List.of(transfer(tenant))));
    }

    private static String lead(String tenant) {
        return post(
                tenant,
                "/api/v1/leads",
                "{\"source\":\"website\",\"phone\":\"+7 913 555-00-01\",\"managerId\":\"" + manager(tenant) + "\"}");
    }

    private static String leadByRef(String tenant) {
        return byRef(
                tenant,
                "leads",
                "{\"source\":\"website\",\"phone\":\"+7 913 555-00-02\",\"managerId\":\"" + manager(tenant) + "\"}");
    }

    private static String client(String tenant) {
        return post(tenant, "/api/v1/clients", "{\"kind\":\"PERSON\",\"name\":\"Ivan\"}");
    }

    private static String manager(String tenant) {
        return post(
                tenant,
                "/api/v1/managers",
                "{\"name\":\"Anna\",\"capacity\":10,\"shifts\":[{\"day\":\"MONDAY\",\"start\":\"00:00\","
                        + "\"end\":\"23:59\"}]}");
    }

    /** A manager's vacation next year: the manager's id and the absence's. */
    private static List<String> absence(String tenant) {
        String manager = manager(tenant);
        String absence = post(
                tenant,
                "/api/v1/managers/" + manager + "/absences",
                "{\"kind\":\"VACATION\",\"from\":\"2027-01-10T06:00:00Z\",\"to\":\"2027-01-20T06:00:00Z\"}");
        return List.of(manager, absence);
    }

    /** A dismissal that hands the leaving manager's lead to a colleague: the transfer's id. */
    private static String transfer(String tenant) {
        String leaving = manager(tenant);
        String taker = manager(tenant);
        post(
                tenant,
                "/api/v1/leads",
                "{\"source\":\"website\",\"phone\":\"+7 913 555-00-03\",\"managerId\":\"" + leaving + "\"}");
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerIds\":[\"" + taker + "\"]}")
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(200)
                .extract()
                .path("transferId");
    }

    /** A record written by a fresh amoCRM reference: the reference. */
    private static String byRef(String tenant, String collection, String json) {
        String ref = "r-" + UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(json)
                .put("/api/v1/" + collection + "/by-ref/amocrm/" + ref)
                .then()
                .statusCode(201);
        return ref;
    }

    private static String post(String tenant, String path, String json) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(json)
                .post(path)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
