package com.salespulse.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.OpenApiSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The API is a contract: the live OpenAPI document must equal the committed docs/openapi/notification-service.yaml. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class OpenApiContractTest {

    @Test
    void liveOpenApiDocumentMatchesTheCommittedSnapshot() throws Exception {
        assertThat(OpenApiSnapshot.compare("notification-service")).isNull();
    }
}
