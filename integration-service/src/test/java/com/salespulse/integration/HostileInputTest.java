package com.salespulse.integration;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.hostile.HostileInput;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The hostile-input kit over every write endpoint of integration-service with a JSON body. Today there is none: the
 * upload takes NDJSON (its refusals are ImportInputTest's) and cancel takes no body. The test is here so that a
 * JSON endpoint added later (the CloudEvents ingress, amoCRM mappings) fails until it has a fixture.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class HostileInputTest {

    @TestFactory
    Stream<DynamicNode> everyWriteEndpointRefusesHostileInputAndWritesNothing() {
        return HostileInput.ofThisService()
                .skip("POST /api/v1/events", "a CloudEvent's attributes travel in ce-* headers (binary mode), which the "
                        + "kit cannot send, and its data is any owner's body checked by that owner: PushInputTest "
                        + "covers the envelope and data refusals, naming the attribute or data field")
                .tests();
    }
}
