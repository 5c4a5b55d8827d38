package com.salespulse.lead.api;

import static io.restassured.RestAssured.given;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * An endpoint someone forgot to give a role check is refused to every caller (api-security sets
 * quarkus.security.jaxrs.deny-unannotated-endpoints), not open to any valid token.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class UnannotatedEndpointTest {

    /** A resource of the test application only, without @RolesAllowed or @PermitAll. */
    @Path("/api/v1/test-only/unannotated")
    public static class ForgottenResource {

        @GET
        @Operation(hidden = true)
        public String read() {
            return "anyone may read this";
        }
    }

    @Test
    void anEndpointWithoutRolesIsRefusedToEveryRole() {
        String tenant = TestTenants.fresh();
        for (String token :
                new String[] {TestTokens.head(tenant), TestTokens.integrator(tenant), TestTokens.ops(tenant)}) {
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/v1/test-only/unannotated")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        given().when()
                .get("/api/v1/test-only/unannotated")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
