package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * What a browser sees: CORS only for the allow-listed origins (the test profile allows one), and the security
 * headers on every API answer. api-security's defaults allow no origin (CORS_ALLOWED_ORIGINS).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class BrowserSecurityTest {

    private static final String ALLOWED = "https://frontend.example.test";
    private static final String OTHER = "https://evil.example.test";

    @Test
    void anAllowedOriginGetsThePreflightAndTheCorsHeadersOnARealCall() {
        given().header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when()
                .options("/api/v1/leads")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", ALLOWED)
                .auth()
                .oauth2(TestTokens.head(TestTenants.fresh()))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void anOriginNotOnTheListGetsNoCorsHeaders() {
        given().header("Origin", OTHER)
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/api/v1/leads")
                .then()
                // without Allow-Origin the browser refuses: the page's script never sends the request
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", OTHER)
                .auth()
                .oauth2(TestTokens.head(TestTenants.fresh()))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void everyApiAnswerCarriesTheSecurityHeadersAndHstsOnlyOverTls() {
        given().auth()
                .oauth2(TestTokens.head(TestTenants.fresh()))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("no-store"))
                .header("Strict-Transport-Security", nullValue());
        given().when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("no-store"));
        given().header("X-Forwarded-Proto", "https")
                .auth()
                .oauth2(TestTokens.head(TestTenants.fresh()))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .header("Strict-Transport-Security", containsString("max-age="));
    }
}
