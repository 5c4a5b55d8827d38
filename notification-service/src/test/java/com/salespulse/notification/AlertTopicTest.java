package com.salespulse.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.ManagementInterface;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class AlertTopicTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void isReadyWithDatabaseAndKafkaChecked() throws Exception {
        HttpResponse<String> response = ManagementInterface.get("/q/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"status\": \"UP\"")
                .contains("Database connections health check")
                .contains("SmallRye Reactive Messaging - readiness check");
    }

    @Test
    void recordsThatAreNotAlertsGoToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        byte[] misplaced = new CloudEventCodec()
                .encode(
                        new EventMetadata(UUID.randomUUID(), URI.create("/test"), now, "demo", "user:test"),
                        new LeadCreated(UUID.randomUUID(), "website", null, null, "+79120000000", null, now));
        kafka.produce(String.class, byte[].class)
                .fromRecords(
                        new ProducerRecord<>(Topics.ALERT_EVENTS, key, "garbage".getBytes(StandardCharsets.UTF_8)),
                        new ProducerRecord<>(Topics.ALERT_EVENTS, key, misplaced))
                .awaitCompletion();

        ConsumerTask<String, String> deadLetters = kafka.consumeStrings()
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.NOTIFICATION_DEAD_LETTER);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> deadLetters.getRecords().stream()
                                    .filter(r -> key.equals(r.key()))
                                    .count()
                            == 2);
            assertThat(deadLetters.getRecords().stream()
                            .filter(r -> key.equals(r.key()))
                            .map(AlertTopicTest::reason))
                    .containsExactly(
                            "not a CloudEvent: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                            "not an alert event: salespulse.lead.created");
        } finally {
            deadLetters.stop();
        }
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }
}
