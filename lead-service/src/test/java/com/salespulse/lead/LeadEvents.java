package com.salespulse.lead;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.salespulse.contract.Topics;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Reads the lead topic from the beginning, as a new consumer group would. */
final class LeadEvents {

    private LeadEvents() {
    }

    /** Waits until at least {@code expected} records keyed by the aggregate id are on the topic, and returns them. */
    static List<ConsumerRecord<String, String>> awaitRecordsWithKey(KafkaCompanion kafka, String key, int expected) {
        ConsumerTask<String, String> task = kafka.consumeStrings()
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.LEAD_EVENTS);
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> withKey(task, key).size() >= expected);
            // give a record that should not be there a moment to show up
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            return withKey(task, key);
        } finally {
            task.stop();
        }
    }

    private static List<ConsumerRecord<String, String>> withKey(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }
}
