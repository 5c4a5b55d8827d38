package com.salespulse.analytics;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.roles.RoleMatrix;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every documented operation refuses no token, an expired one, and each role it does not declare. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RoleMatrixTest {

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesTheRolesItDoesNotDeclare() {
        return RoleMatrix.ofThisService()
                .refusalsOnly(
                        "POST /api/v1/read-model/rebuild",
                        "it rebuilds every tenant's read model; ReadModelRebuildTest calls it as ops")
                .refusalsOnly(
                        "POST /api/v1/read-model/tenant-rebuild",
                        "a real call would leave a rebuild running behind later tests; TenantRebuildTest calls it as "
                                + "a head")
                // no operation names an id in its path yet (dates and years only): a new one needs a fixture
                .otherTenantOn(Map.of())
                .tests();
    }
}
