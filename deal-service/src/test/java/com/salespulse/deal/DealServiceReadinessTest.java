package com.salespulse.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.ManagementInterface;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** deal-service boots on its own database with the outbox in place, reports ready, and its relay drains the outbox. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealServiceReadinessTest {

    @Inject
    OutboxEventRepository outbox;

    @Test
    void isReadyWithDatabaseAndKafkaChecked() throws Exception {
        HttpResponse<String> response = ManagementInterface.get("/q/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"status\": \"UP\"")
                .contains("Database connections health check")
                .contains("Kafka connection health check");
    }

    @Test
    void outboxIsMigratedAndTheRelayLeavesNothingUnpublished() {
        // other test classes in this JVM may just have written events: the relay must publish all of them
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .until(() -> QuarkusTransaction.requiringNew().call(outbox::countUnpublished) == 0);
    }
}
