package com.salespulse.integration;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.roles.RoleMatrix;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every documented operation refuses no token, an expired one, and each role it does not declare. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class RoleMatrixTest {

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesTheRolesItDoesNotDeclare() {
        return RoleMatrix.ofThisService()
                .publicOperation(
                        "POST /api/v1/amocrm/webhooks/{connectionId}/{secret}",
                        "amoCRM calls it without a token; the secret in the URL authenticates")
                .tests();
    }
}
