package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * A tenant over its rate limit gets 429 problem+json with Retry-After, and the refused request writes nothing; other
 * tenants go on. The test profile gives the tenant {@code rate-limited} a burst of 3 requests refilled at 1 a second
 * (api-security's defaults), every other tenant limits no test reaches.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RateLimitTest {

    private static final String LIMITED = "rate-limited";

    @Test
    void aTenantOverItsLimitGets429WithRetryAfterAndTheRefusedLeadIsNotWritten() {
        long leadsBefore = Tables.of(LIMITED).get("lead");
        int taken = 0;
        Response refused = null;
        // the burst is 3: the 4th request within a second is refused; a slow machine may see a refill, so go on
        // until the first refusal (and count what was taken on the way)
        for (int attempt = 0; attempt < 20 && refused == null; attempt++) {
            Response answer = postLead(LIMITED, "+7 495 100-00-" + String.format("%02d", attempt));
            if (answer.statusCode() == 201) {
                taken++;
            } else {
                refused = answer;
            }
        }

        assertThat(taken).as("the burst passes").isGreaterThanOrEqualTo(3);
        assertThat(refused).as("a request over the limit is refused").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:salespulse:problem:too-many-requests");
        assertThat(refused.jsonPath().getString("detail")).contains("tenant's rate limit");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        assertThat(Tables.of(LIMITED).get("lead")).as("only the admitted leads").isEqualTo(leadsBefore + taken);

        // another tenant is not held back by this one's burst
        assertThat(postLead(TestTenants.fresh(), "+7 495 100-99-99").statusCode())
                .isEqualTo(201);
    }

    private static Response postLead(String tenant, String phone) {
        return given().auth()
                .oauth2(TestTokens.integrator(tenant))
                .contentType(ContentType.JSON)
                .body("{\"source\":\"call\",\"phone\":\"" + phone + "\"}")
                .when()
                .post("/api/v1/leads");
    }
}
