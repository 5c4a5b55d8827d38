package com.salespulse.deal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A token whose tenant claim names no tenant (api-security's TenantClaim) is refused with 403 on reads and writes
 * alike: it is never served the shared sentinel tenant, and a claim of another type is no server error.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TenantClaimTest {

    @ParameterizedTest
    @MethodSource("com.salespulse.testsupport.TestTokens#claimsNamingNoTenant")
    void aTokenNamingNoTenantIsRefusedOnAReadAndAWrite(Object claim) {
        String token = TestTokens.withTenantClaim(claim);
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/deals")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"))
                .body("requestId", notNullValue());
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Enterprise\",\"stages\":[{\"name\":\"Intro\",\"probability\":20,\"kind\":\"OPEN\"},"
                        + "{\"name\":\"Signed\",\"probability\":100,\"kind\":\"WON\"},"
                        + "{\"name\":\"Dropped\",\"probability\":0,\"kind\":\"LOST\"}]}")
                .when()
                .request("POST", "/api/v1/pipelines")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"));
    }
}
