package com.salespulse.integration;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.hostile.HostileInput;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile-input kit over every write endpoint of integration-service with a JSON body. The upload takes NDJSON
 * (its refusals are ImportInputTest's) and cancel takes no body; a JSON endpoint without a fixture fails.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class HostileInputTest {

    @TestFactory
    Stream<DynamicNode> everyWriteEndpointRefusesHostileInputAndWritesNothing() {
        return amoCrmFixtures(HostileInput.ofThisService())
                .skip(
                        "POST /api/v1/events",
                        "a CloudEvent's attributes travel in ce-* headers (binary mode), "
                                + "which the kit cannot send, and its data is any owner's body checked by that owner: PushInputTest "
                                + "covers the envelope and data refusals, naming the attribute or data field")
                .tests();
    }

    private static final String AMOCRM_TENANT = "hostile-amocrm";

    /** amoCRM connections and mappings (the webhook itself takes a form, not JSON: AmoCrmWebhookTest). */
    private static HostileInput amoCrmFixtures(HostileInput kit) {
        String head = TestTokens.head(AMOCRM_TENANT);
        String why = "a Sales Pulse id checked by its owner when a change is applied, not when the mapping is stored";
        return kit.operation(
                        "POST /api/v1/amocrm/connections",
                        op -> op.token(head)
                                .body(() -> "{\"name\":\"acme\",\"externalSystem\":\"amocrm."
                                        + java.util.UUID.randomUUID().toString().substring(0, 8) + "\"}"))
                .operation(
                        "PUT /api/v1/amocrm/connections/{id}/mapping",
                        op -> op.token(head)
                                .pathParam(
                                        "id",
                                        () -> AmoCrmPayloads.connect(
                                                head,
                                                "acme",
                                                "amocrm."
                                                        + java.util
                                                                .UUID
                                                                .randomUUID()
                                                                .toString()
                                                                .substring(0, 8))[0])
                                .anyUuid("pipelines[].pipelineId", why)
                                .anyUuid("pipelines[].wonStageId", why)
                                .anyUuid("pipelines[].lostStageId", why)
                                .anyUuid("statuses[].stageId", why)
                                .anyUuid("users[].managerId", why)
                                .body("""
                                {"currency":"RUB","source":"amocrm","lossReason":"OTHER",
                                 "pipelines":[{"amoPipelineId":678,
                                   "pipelineRef":{"externalSystem":"amocrm","externalId":"p678"},
                                   "wonStageRef":{"externalSystem":"amocrm","externalId":"st-won"},
                                   "lostStageRef":{"externalSystem":"amocrm","externalId":"st-lost"}}],
                                 "statuses":[{"amoPipelineId":678,"amoStatusId":11100,
                                   "stageRef":{"externalSystem":"amocrm","externalId":"st-first"}}],
                                 "users":[{"amoUserId":999,
                                   "managerRef":{"externalSystem":"amocrm","externalId":"u999"}}]}"""));
    }
}
