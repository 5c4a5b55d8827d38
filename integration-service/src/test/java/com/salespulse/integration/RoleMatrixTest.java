package com.salespulse.integration;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.roles.RoleMatrix;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every documented operation refuses no token, an expired one, and each role it does not declare; and one with an id
 * in its path answers another tenant's tokens on this tenant's import job or amoCRM connection 404 (403 for a role it
 * does not declare), changing nothing.
 */
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
                .otherTenantOn(Map.of(
                        "/api/v1/imports/{id}", tenant -> List.of(finishedDryRun(tenant)),
                        "/api/v1/amocrm/connections/{id}",
                                tenant -> List.of(
                                        AmoCrmPayloads.connect(TestTokens.integrator(tenant), "acme", null)[0])))
                .tests();
    }

    /** A dry-run import of one manager, ended, so its job no longer changes: its id. */
    private static String finishedDryRun(String tenant) {
        String head = TestTokens.head(tenant);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"manager\",\"externalSystem\":\"amocrm\",\"externalId\":\"8\",\"name\":\"Ivan\"}"),
                true);
        Imports.awaitEnd(head, id);
        return id;
    }
}
