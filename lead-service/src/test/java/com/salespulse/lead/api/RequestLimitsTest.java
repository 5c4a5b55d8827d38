package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Query parameters, the body limit without Content-Length, and the request id, on lead-service's API. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RequestLimitsTest {

    @Test
    void anUnknownQueryParameterIsRefusedNamingIt() {
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .queryParam("externalRef", "48213")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("externalRef"));
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .queryParam("status", "NEW")
                .queryParam("size", 5)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200);
    }

    @Test
    void aQueryValueWithTheNulCharacterIsRefusedNamingItNotAServerError() {
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .urlEncodingEnabled(false)
                .queryParam("source", "web%00site")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("source"));
    }

    @Test
    void aBooleanQueryParameterIsTrueOrFalseOnly() {
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .queryParam("archived", "maybe")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("archived"));
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .queryParam("duplicate", "1")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("duplicate"));
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .queryParam("archived", "true")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndNothingIsWritten() throws Exception {
        String tenant = tenant();
        String comment = "x".repeat(1_100_000);
        byte[] body = ("{\"source\":\"website\",\"phone\":\"+79120000000\",\"comment\":\"" + comment + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length: the client sends it chunked, without Content-Length
        URI leads = URI.create("http://localhost:" + RestAssured.port + "/api/v1/leads");
        HttpRequest request = HttpRequest.newBuilder(leads)
                .header("Authorization", "Bearer " + TestTokens.head(tenant))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:salespulse:problem:payload-too-large");
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/leads")
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void everyAnswerCarriesARequestIdAndAProblemRepeatsIt() {
        Response ok = given().auth().oauth2(TestTokens.head(tenant())).when().get("/api/v1/leads");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.header("X-Request-Id")).matches("[A-Za-z0-9._-]{1,64}");

        Response refused = given().contentType(ContentType.JSON).when().get("/api/v1/leads");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.jsonPath().getString("requestId")).isEqualTo(refused.header("X-Request-Id"));

        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .header("X-Request-Id", "crm-4711.retry_2")
                .queryParam("size", 0)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .header("X-Request-Id", "crm-4711.retry_2")
                .body("requestId", equalTo("crm-4711.retry_2"));
    }

    @Test
    void theLogLinesOfARequestCarryItsId() {
        List<String> ids = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext
                        && record.getMessage() != null
                        && ext.getFormattedMessage().contains("naming no valid tenant")) {
                    ids.add(ext.getMdc("requestId"));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("com.salespulse.security.TenantClaimCheck");
        logger.addHandler(capture);
        try {
            given().auth()
                    .oauth2(TestTokens.withTenantClaim(42))
                    .header("X-Request-Id", "trace-me-7")
                    .when()
                    .get("/api/v1/leads")
                    .then()
                    .statusCode(403)
                    .body("requestId", equalTo("trace-me-7"));
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(ids).containsExactly("trace-me-7");
    }

    @Test
    void aRequestIdThatIsNotAPlainTokenIsReplaced() {
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .header("X-Request-Id", "x".repeat(65))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[A-Za-z0-9]{32}"));
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .header("X-Request-Id", "a b<script>")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[A-Za-z0-9]{32}"));
    }

    private static String tenant() {
        return TestTenants.fresh();
    }
}
