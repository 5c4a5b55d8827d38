package com.salespulse.integration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.ExposedMetrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The metrics integration-service exposes are those of its committed list, which deploy-check holds the Grafana dashboard
 * and the alert rules to ({@link ExposedMetrics}).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class) // the resources of every other test here, so the application starts once
class ExposedMetricsTest {

    private static final String SERVICE = "integration-service";

    @Test
    void exposesTheMetricsOfItsCommittedList() {
        // one API request (whatever it answers), so the HTTP server's request metrics exist
        given().when().get("/api/v1/no-such-resource");

        assertThat(ExposedMetrics.assertListed(SERVICE)).contains("http_server_requests_seconds_count");
    }
}
