package com.salespulse.integration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the upload refuses, each as a problem naming what is wrong and with no job stored; who may upload and read;
 * another tenant's job is not there.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class ImportInputTest {

    private static final String TENANT = "import-input";
    private static final String ROW = "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"1\"}";

    @BeforeEach
    void ownersAnswerLikeOwners() {
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
    }

    private static RequestSpecification asHead() {
        return given().auth().oauth2(TestTokens.head(TENANT));
    }

    private static int jobsOfTheTenant() {
        return asHead().when()
                .get("/api/v1/imports?size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static void refused(String file, int status, String field) {
        int before = jobsOfTheTenant();
        var answer = asHead().contentType(Imports.NDJSON)
                .body(file.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("requestId", notNullValue());
        if (field != null) {
            answer.body("invalidFields.field", hasItem(field));
        }
        assertThat(jobsOfTheTenant()).as("no job stored").isEqualTo(before);
    }

    @Test
    void aFileWhoseShapeIsWrongIsRefusedWholeNamingTheRowAndField() {
        refused(Imports.file(ROW, "not json"), 400, "rows[1]");
        refused(Imports.file(ROW, "[1,2]"), 400, "rows[1]");
        refused(
                Imports.file("{\"recordType\":\"opportunity\",\"externalSystem\":\"amocrm\",\"externalId\":\"1\"}"),
                400,
                "rows[0].recordType");
        refused(
                Imports.file(ROW, "", "{\"recordType\":\"lead\",\"externalSystem\":\"AmoCRM\",\"externalId\":\"1\"}"),
                400,
                "rows[2].externalSystem");
        refused(Imports.file("{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\"}"), 400, "rows[0].externalId");
        refused(
                Imports.file("{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\""
                        + "x".repeat(101) + "\"}"),
                400,
                "rows[0].externalId");
        refused(
                Imports.file("{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"a/b\"}"),
                400,
                "rows[0].externalId");
        refused(
                Imports.file("{\"recordType\":\"lead\",\"recordType\":\"deal\",\"externalSystem\":\"amocrm\","
                        + "\"externalId\":\"1\"}"),
                400,
                "rows[0]");
        refused(
                Imports.file("{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"1\","
                        + "\"comment\":\"a\\u0000b\"}"),
                400,
                "rows[0]");
        refused(
                Imports.file(
                        "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"1\",\"comment\":\""
                                + "x".repeat(70_000) + "\"}"),
                400,
                "rows[0]");
        refused("\n\n  \n", 400, "body");
        assertThat(OwnerStub.LEAD.calls()).isEmpty();
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheBody() {
        int before = jobsOfTheTenant();
        asHead().contentType(Imports.NDJSON)
                .body(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'})
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("body"));
        assertThat(jobsOfTheTenant()).isEqualTo(before);
    }

    @Test
    void moreRowsThanTheLimitOrALargerBodyIsA413() {
        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i <= 1000; i++) { // the test profile allows 1 000 rows
            tooMany.append("{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"")
                    .append(i)
                    .append("\"}\n");
        }
        refused(tooMany.toString(), 413, null);
        StringBuilder tooLarge = new StringBuilder();
        while (tooLarge.length() <= 1_100_000) { // the test profile allows 1 MiB
            tooLarge.append(
                            "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"1\",\"comment\":\"")
                    .append("y".repeat(500))
                    .append("\"}\n");
        }
        refused(tooLarge.toString(), 413, null);
    }

    @Test
    void queryParametersAndTheContentTypeAreChecked() {
        asHead().contentType(Imports.NDJSON)
                .body(Imports.file(ROW).getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "csv")
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("format"));
        asHead().contentType(Imports.NDJSON)
                .body(Imports.file(ROW).getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", "maybe")
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("dryRun"));
        asHead().contentType(Imports.NDJSON)
                .body(Imports.file(ROW).getBytes(StandardCharsets.UTF_8))
                .queryParam("tenant", "other")
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("tenant"));
        asHead().contentType("application/json")
                .body(ROW)
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        asHead().when()
                .get("/api/v1/imports?size=101")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("size"));
        asHead().when()
                .get("/api/v1/imports/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("id"));
    }

    @Test
    void pagingOutOfRangeIsA400NamingPageOrSizeAndRowListsAnswer50ByDefault() {
        String id = Imports.upload(TestTokens.integrator(TENANT), Imports.file(ROW), true);

        asHead().when()
                .get("/api/v1/imports?page=-1")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("page"));
        asHead().when()
                .get("/api/v1/imports/" + id + "/errors?size=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("size"));
        asHead().when()
                .get("/api/v1/imports/" + id + "/skipped?page=100001")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("page"));
        asHead().when().get("/api/v1/imports").then().statusCode(200).body("size", equalTo(20));
        asHead().when()
                .get("/api/v1/imports/" + id + "/errors")
                .then()
                .statusCode(200)
                .body("size", equalTo(50));
    }

    @Test
    void managersAndOpsMayNotUploadOrReadImports() {
        String manager = TestTokens.manager(TENANT, UUID.randomUUID());
        given().auth()
                .oauth2(manager)
                .contentType(Imports.NDJSON)
                .body(Imports.file(ROW).getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(manager).when().get("/api/v1/imports").then().statusCode(403);
        given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .get("/api/v1/imports")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/imports").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.signedByAStranger(TENANT))
                .when()
                .get("/api/v1/imports")
                .then()
                .statusCode(401);
    }

    @Test
    void anotherTenantsJobIsNotThere() {
        String id = Imports.upload(TestTokens.integrator(TENANT), Imports.file(ROW), true);
        String stranger = TestTokens.head("import-input-other");

        given().auth()
                .oauth2(stranger)
                .when()
                .get("/api/v1/imports/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(stranger)
                .when()
                .get("/api/v1/imports/" + id + "/errors")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(stranger)
                .when()
                .post("/api/v1/imports/" + id + "/cancel")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(stranger)
                .when()
                .get("/api/v1/imports")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        asHead().when()
                .get("/api/v1/imports")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body("items[0].status", notNullValue());
    }

    @Test
    void theUploadAnswersWhereToFollowTheJob() {
        String location = given().auth()
                .oauth2(TestTokens.integrator(TENANT))
                .contentType(Imports.NDJSON)
                .body(Imports.file(ROW).getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", true)
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(202)
                .body("status", equalTo("QUEUED"))
                .body("total", equalTo(1))
                .body("dryRun", equalTo(true))
                .body("format", equalTo("ndjson"))
                .header("Location", containsString("/api/v1/imports/"))
                .extract()
                .header("Location");
        asHead().when()
                .get(location.substring(location.indexOf("/api/")))
                .then()
                .statusCode(200);
    }
}
