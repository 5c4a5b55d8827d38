package com.salespulse.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.ManagementInterface;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** deal-service has no domain yet; it must boot on its own database with the outbox in place and report ready. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealServiceReadinessTest {

    @Inject
    OutboxEventRepository outbox;

    @Test
    void isReadyWithDatabaseAndKafkaChecked() throws Exception {
        HttpResponse<String> response = ManagementInterface.get("/q/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\": \"UP\"").contains("Database connections health check")
                .contains("Kafka connection health check");
    }

    @Test
    void outboxIsMigratedAndEmpty() {
        assertThat(QuarkusTransaction.requiringNew().call(outbox::countUnpublished)).isZero();
    }
}
