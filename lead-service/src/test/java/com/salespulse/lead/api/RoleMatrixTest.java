package com.salespulse.lead.api;

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
class RoleMatrixTest {

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesTheRolesItDoesNotDeclare() {
        return RoleMatrix.ofThisService().tests();
    }
}
