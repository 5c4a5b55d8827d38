package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A lead's trace leaves lead-service inside its event: the CloudEvent written with the lead (and the Kafka record's
 * headers) carries the trace context of the request that created it, so analytics and deal-service continue that trace
 * although the record is sent later, by the relay, outside the request.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TracePropagationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The caller's trace (a gateway's, say): the request continues it, and so does the event. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theLeadCreatedEventCarriesTheTraceOfTheRequestThatCreatedTheLead() throws Exception {
        String leadId = given().auth()
                .oauth2(TestTokens.integrator(TestTenants.fresh()))
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"call","phone":"+7 495 000-77-88"}""")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        ConsumerRecord<String, String> record =
                LeadEvents.awaitRecordsWithKey(kafka, leadId, 1).get(0);
        JsonNode event = JSON.readTree(record.value());
        String traceparent = event.get("traceparent").asText();
        // 00-<trace>-<the span that wrote the event>-01 (sampled, as the caller asked)
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo(traceparent);

        // the span that wrote it is the request's server span, child of the caller's span
        String writerSpanId = traceparent.split("-")[2];
        await().atMost(Duration.ofSeconds(10)).until(() -> spanOf(writerSpanId) != null);
        SpanData writer = spanOf(writerSpanId);
        assertThat(writer.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(writer.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(writer.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(writer.getName()).isEqualTo("POST /api/v1/leads");
    }

    private SpanData spanOf(String spanId) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(span -> span.getSpanId().equals(spanId))
                .findFirst()
                .orElse(null);
    }
}
