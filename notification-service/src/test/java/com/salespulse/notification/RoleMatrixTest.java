package com.salespulse.notification;

import static io.restassured.RestAssured.given;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.roles.RoleMatrix;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every documented operation refuses no token, an expired one, and each role it does not declare; and one with an id
 * in its path answers another tenant's tokens on this tenant's resource 404 (403 for a role it does not declare),
 * changing nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RoleMatrixTest {

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesTheRolesItDoesNotDeclare() {
        return RoleMatrix.ofThisService()
                .otherTenantOn(Map.of("/api/v1/subscriptions/{id}", tenant -> List.of(emailSubscription(tenant))))
                .withoutOtherTenantFixture(
                        "GET /api/v1/alerts/{alertId}/deliveries",
                        "the id is of an alert, analytics' resource; this service answers an unknown alert and "
                                + "another tenant's alike, with an empty list, as documented")
                .tests();
    }

    /** A head's e-mail subscription to all of the tenant's alerts: its id. */
    private static String emailSubscription(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "channel", "EMAIL",
                        "email", "head@example.com",
                        "timeZone", "Europe/Moscow",
                        "language", "en"))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
