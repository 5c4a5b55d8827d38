package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.ExposedMetrics;
import com.salespulse.testsupport.ManagementInterface;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The metrics analytics-service exposes are those of its committed list, which deploy-check holds the Grafana dashboard
 * and the alert rules to ({@link ExposedMetrics}).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ExposedMetricsTest {

    private static final String SERVICE = "analytics-service";

    @Test
    void exposesTheMetricsOfItsCommittedList() {
        // one API request (whatever it answers), so the HTTP server's request metrics exist
        given().when().get("/api/v1/no-such-resource");
        // the outbox gauges are registered by the relay, which the first scheduled poll creates
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ManagementInterface.get("/q/metrics").body().contains("salespulse_outbox_pending"));

        assertThat(ExposedMetrics.assertListed(SERVICE)).contains("http_server_requests_seconds_count");
    }
}
