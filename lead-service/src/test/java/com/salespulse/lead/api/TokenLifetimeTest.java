package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens live at most 24 hours (smallrye.jwt.time-to-live) and are not issued in the future. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TokenLifetimeTest {

    private static final String TENANT = "lifetime";

    @Test
    void aTokenLivingLongerThanTheMaximumIs401() {
        long now = Instant.now().getEpochSecond();
        String tenYears = TestTokens.withClaims(Map.of(
                "tenant", TENANT, "iat", now, "exp", now + Duration.ofDays(3650).toSeconds()));
        given().auth()
                .oauth2(tenYears)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        String aDayAndAnHour = TestTokens.withClaims(Map.of(
                "tenant", TENANT, "iat", now, "exp", now + Duration.ofHours(25).toSeconds()));
        given().auth().oauth2(aDayAndAnHour).when().get("/api/v1/leads").then().statusCode(401);
    }

    @Test
    void theLocalRunsTwelveHourTokensAreAccepted() {
        long now = Instant.now().getEpochSecond();
        String twelveHours = TestTokens.withClaims(Map.of(
                "tenant", TENANT, "iat", now, "exp", now + Duration.ofHours(12).toSeconds()));
        given().auth().oauth2(twelveHours).when().get("/api/v1/leads").then().statusCode(200);
        given().auth()
                .oauth2(TestTokens.head(TENANT))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200);
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheClockSkewIs401() {
        long now = Instant.now().getEpochSecond();
        String tenMinutesAhead = TestTokens.withClaims(Map.of("tenant", TENANT, "iat", now + 600, "exp", now + 1200));
        given().auth()
                .oauth2(tenMinutesAhead)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        String withinSkew = TestTokens.withClaims(Map.of("tenant", TENANT, "iat", now + 20, "exp", now + 600));
        given().auth().oauth2(withinSkew).when().get("/api/v1/leads").then().statusCode(200);
    }
}
