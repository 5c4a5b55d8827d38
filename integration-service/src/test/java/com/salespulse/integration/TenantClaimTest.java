package com.salespulse.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A token whose tenant claim names no tenant is refused with 403 on reads and on the upload alike. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class TenantClaimTest {

    @ParameterizedTest
    @MethodSource("com.salespulse.testsupport.TestTokens#claimsNamingNoTenant")
    void aTokenNamingNoTenantIsRefusedOnAReadAndAWrite(Object claim) {
        String token = TestTokens.withTenantClaim(claim);
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/imports")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"))
                .body("requestId", notNullValue());
        given().auth()
                .oauth2(token)
                .contentType(Imports.NDJSON)
                .body(Imports.file("{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"1\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"));
    }
}
