package com.salespulse.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.messaging.tracing.EventTracing;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

/**
 * A log line written while an event is processed carries, as JSON (the format deploy/ switches on), the event's
 * tenant, its id and the trace it continues, so ops find every line of one lead's path by its trace id.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class JsonLogLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aLineWrittenWhileAnEventIsProcessedNamesItsTenantEventAndTrace() throws Exception {
        String tenant = TestTenants.fresh();
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        UUID eventId = UUID.randomUUID();
        AlertRaised alert = Alerts.overdueTasks(UUID.randomUUID(), Instant.now());
        List<String> lines = new CopyOnWriteArrayList<>();
        JsonFormatter json = new JsonFormatter();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                lines.add(json.format(record));
            }
        };
        org.jboss.logmanager.Logger logger = LogContext.getLogContext().getLogger(EventTracing.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE); // DEBUG: the line each processed event writes
        logger.addHandler(capture);
        try {
            Alerts.publish(
                    kafka,
                    alert.alertId(),
                    Alerts.encode(eventId, tenant, alert, "00-" + trace + "-00f067aa0ba902b7-01"));

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> lines.stream().anyMatch(line -> line.contains(eventId.toString())));
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        JsonNode line = JSON.readTree(lines.stream()
                .filter(l -> l.contains(eventId.toString()))
                .findFirst()
                .orElseThrow());
        JsonNode mdc = line.path("mdc");
        assertThat(line.path("message").asText()).startsWith("Processing salespulse.alert.raised " + eventId);
        assertThat(mdc.path("eventId").asText()).isEqualTo(eventId.toString());
        assertThat(mdc.path("tenant").asText()).isEqualTo(tenant);
        assertThat(mdc.path("traceId").asText()).isEqualTo(trace);
        // the processing's own span, a child of the writer's 00f067aa0ba902b7
        assertThat(mdc.path("spanId").asText()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
    }
}
