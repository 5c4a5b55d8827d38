package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The rebuild acts on every tenant's read model at once, so only ops may start it (ReadModelRebuildTest starts it
 * as ops); a head of sales, whose authority ends at their tenant, may not, but may follow its progress.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ReadModelRebuildRolesTest {

    @Test
    void aHeadMayNotRebuildEveryTenantsReadModelButMayFollowTheProgress() {
        String tenant = TestTenants.fresh();
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .post("/api/v1/read-model/rebuild")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/read-model/rebuild")
                .then()
                .statusCode(200);
    }
}
