package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rest-problem's JSON reader, on lead-service's API (the same reader serves every service): a body is read as sent
 * or refused with a 400 problem naming the field, and nothing is written.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class StrictJsonBodyTest {

    private static final String SHIFTS = "\"shifts\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"18:00\"}]";

    @Test
    void aKeyGivenTwiceIsRefusedNamingItAndNothingIsWritten() {
        String tenant = tenant();
        post(tenant, "/api/v1/leads", "{\"source\":\"website\",\"source\":\"call\",\"phone\":\"+79120000000\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("source"))
                .body("invalidFields[0].message", equalTo("is given more than once"));
        post(
                        tenant,
                        "/api/v1/managers",
                        "{\"name\":\"Anna\",\"capacity\":5,\"shifts\":[{\"day\":\"MONDAY\","
                                + "\"start\":\"09:00\",\"start\":\"10:00\",\"end\":\"18:00\"}]}")
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("shifts[0].start"));
        assertNothingWritten(tenant);
    }

    @ParameterizedTest(name = "{0} into {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a number into a text   | name     | {\"name\":12345,\"capacity\":5,SHIFTS}",
                "true into a text       | name     | {\"name\":true,\"capacity\":5,SHIFTS}",
                "a fraction into an int | capacity | {\"name\":\"Anna\",\"capacity\":1.5,SHIFTS}",
                "a string into an int   | capacity | {\"name\":\"Anna\",\"capacity\":\"12\",SHIFTS}",
                "a number into an enum  | shifts[0].day   | {\"name\":\"Anna\",\"capacity\":5,\"shifts\":[{\"day\":1,"
                        + "\"start\":\"09:00\",\"end\":\"18:00\"}]}",
                "a number into a time   | shifts[0].start | {\"name\":\"Anna\",\"capacity\":5,\"shifts\":[{\"day\":\"MONDAY\","
                        + "\"start\":900,\"end\":\"18:00\"}]}",
                "NUL in a text          | name     | {\"name\":\"An\\u0000na\",\"capacity\":5,SHIFTS}"
            })
    void aValueOfAnotherTypeIsRefusedNamingTheField(String what, String field, String body) {
        String tenant = tenant();
        post(tenant, "/api/v1/managers", body.replace("SHIFTS", SHIFTS))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields", hasSize(1))
                .body("invalidFields[0].field", equalTo(field));
        assertNothingWritten(tenant);
    }

    @ParameterizedTest(name = "noTeam: {0}")
    @CsvSource(
            delimiter = '|',
            value = {"1", "\"true\"", "0"})
    void aBooleanIsTrueOrFalseOnly(String value) {
        post(tenant(), "/api/v1/managers/" + UUID.randomUUID(), "{\"version\":0,\"noTeam\":" + value + "}", "PATCH")
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("noTeam"));
    }

    @ParameterizedTest(name = "from: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "12345",
                "\"0001-01-01T00:00:00Z\"",
                "\"1899-12-31T23:59:59Z\"",
                "\"2101-01-01T00:00:00Z\"",
                "\"+10000-01-01T00:00:00Z\""
            })
    void anInstantIsAnIsoStringWithinTheYears1900To2100(String from) {
        post(
                        tenant(),
                        "/api/v1/managers/" + UUID.randomUUID() + "/absences",
                        "{\"kind\":\"VACATION\",\"from\":" + from + ",\"to\":\"2026-12-15T06:00:00Z\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("from"));
    }

    @Test
    void nulInABatchItemIsRefusedNamingTheItemAndNothingIsWritten() {
        String tenant = tenant();
        String good = "{\"source\":\"website\",\"phone\":\"+7912000000%d\"}";
        post(
                        tenant,
                        "/api/v1/leads/batch",
                        "{\"items\":[" + good.formatted(1) + "," + good.formatted(2)
                                + ",{\"source\":\"website\",\"clientName\":\"A\\u0000\",\"phone\":\"+79120000003\"}]}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("items[2].clientName"));
        assertNothingWritten(tenant);
    }

    @Test
    void aConstraintViolationInsideAListIsNamedByItsFullPath() {
        String tenant = tenant();
        post(
                        tenant,
                        "/api/v1/managers",
                        "{\"name\":\"Anna\",\"capacity\":5,\"shifts\":["
                                + "{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"18:00\"},{\"day\":\"TUESDAY\",\"end\":\"18:00\"}]}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("shifts[1].start"));
        post(tenant, "/api/v1/managers", "{\"name\":\" \",\"capacity\":5," + SHIFTS + "}")
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("name"));
        assertNothingWritten(tenant);
    }

    @Test
    void aBodyWithoutAContentTypeIs415() {
        String tenant = tenant();
        byte[] body = "{\"source\":\"website\",\"phone\":\"+79120000000\"}".getBytes(StandardCharsets.UTF_8);
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .body(body)
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:unsupported-media-type"));
        assertNothingWritten(tenant);
    }

    private static ValidatableResponse post(String tenant, String path, String body) {
        return post(tenant, path, body, "POST");
    }

    private static ValidatableResponse post(String tenant, String path, String body, String method) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .request(method, path)
                .then();
    }

    private static void assertNothingWritten(String tenant) {
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/managers")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(0));
    }

    private static String tenant() {
        return TestTenants.fresh();
    }
}
