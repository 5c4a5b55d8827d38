package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A token whose tenant claim names no tenant is refused on every operation, reads included. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TenantClaimTest {

    @ParameterizedTest
    @MethodSource("com.salespulse.testsupport.TestTokens#claimsNamingNoTenant")
    void aTokenNamingNoTenantIsRefusedOnReadsAndWrites(Object claim) {
        String token = TestTokens.withTenantClaim(claim);
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"))
                .body("requestId", notNullValue());
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/managers")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"source\":\"website\",\"phone\":\"+79120000000\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Inbound\"}")
                .when()
                .post("/api/v1/teams")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aTenantOfLettersDigitsDotsUnderscoresAndHyphensIsServed() {
        String tenant = "Acme_2.eu-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.withTenantClaim(tenant))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }
}
