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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tokens an attacker or a misconfigured client would send, each refused with 401 problem+json before anything is
 * read or written: the verifier trusts only RS256 signatures by the configured key, from the configured issuer, for
 * this application's audience, unexpired, and a manager's token must say which manager. (A token naming no valid
 * tenant is 403, TenantClaimTest.)
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TokenForgeryTest {

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                refused("alg none, no signature", TestTokens::unsigned),
                refused("HS256 signed with the public key as the HMAC secret", TestTokens::hmacSignedWithThePublicKey),
                refused("another issuer", tenant -> TestTokens.issuedBy(tenant, "https://idp.example/realms/other")),
                refused("another audience", tenant -> TestTokens.forAudience(tenant, "another-application")),
                refused("no audience", TestTokens::withoutAudience),
                refused("a manager without manager_id", TestTokens::managerWithoutManagerId),
                refused("a team lead without manager_id", TestTokens::teamLeadWithoutManagerId),
                refused("expired an hour ago", TestTokens::expired),
                refused("signed by an unknown key", TestTokens::signedByAStranger));
    }

    private static Arguments refused(String what, Function<String, String> token) {
        return Arguments.of(what, token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aForgedOrForeignTokenIs401OnReadsAndWritesAndWritesNothing(String what, Function<String, String> forge) {
        String tenant = TestTenants.fresh();
        String token = forge.apply(tenant);
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:salespulse:problem:unauthorized"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"source\":\"website\",\"clientName\":\"Anna Petrova\",\"phone\":\"+79120000001\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void theSameClaimsProperlySignedForThisAudienceAreAccepted() {
        String tenant = TestTenants.fresh();
        given().auth()
                .oauth2(TestTokens.forAudience(tenant, "salespulse"))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.manager(tenant, java.util.UUID.randomUUID()))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200);
    }
}
