package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.security.VerifiedTokenCache;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Tokens are verified once and then taken by their text (api-security's VerifiedTokenCache, docs/security.md): a
 * token whose text differs from one already accepted, by a single character of its signature, is still refused.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class VerifiedTokenTest {

    private static final String TENANT = "verified-once";

    @Inject
    JWTParser parser;

    @Test
    void bearerTokensAreParsedThroughTheCache() {
        assertThat(parser).isInstanceOf(VerifiedTokenCache.class);
    }

    @Test
    void aTokenAcceptedBeforeWithItsSignatureAlteredIs401() {
        String token = TestTokens.head(TENANT);
        given().auth().oauth2(token).when().get("/api/v1/leads").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/v1/leads").then().statusCode(200);

        int last = token.length() - 2; // inside the signature; the last character may carry padding bits only
        String altered = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);

        given().auth()
                .oauth2(altered)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(token).when().get("/api/v1/leads").then().statusCode(200);
    }
}
