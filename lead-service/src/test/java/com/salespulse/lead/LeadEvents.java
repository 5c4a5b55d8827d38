package com.salespulse.lead;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.outbox.OutboxEventRepository;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from the beginning, as a new consumer group would: one reader per topic for the run. */
final class LeadEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outbox rows the relay is still to send. */
    private static final String TO_SEND = """
            select count(e) from OutboxEvent e where e.publishedAt is null and e.quarantinedAt is null
            and not exists (select 1 from OutboxEvent q where q.aggregateId = e.aggregateId
                and q.quarantinedAt is not null and q.publishedAt is null and q.seq < e.seq)""";

    private LeadEvents() {}

    /** Waits until at least {@code expected} records keyed by the aggregate id are on the topic, and returns them. */
    static List<ConsumerRecord<String, String>> awaitRecordsWithKey(KafkaCompanion kafka, String key, int expected) {
        return awaitRecordsWithKey(kafka, Topics.LEAD_EVENTS, key, expected);
    }

    static List<ConsumerRecord<String, String>> awaitRecordsWithKey(
            KafkaCompanion kafka, String topic, String key, int expected) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> withKey(records(kafka, topic), key).size() >= expected);
        drain(kafka, topic);
        return withKey(records(kafka, topic), key);
    }

    /** The events of one aggregate as JSON, in topic order, after waiting for {@code expected} of them. */
    static List<JsonNode> events(KafkaCompanion kafka, String topic, String key, int expected) {
        return awaitRecordsWithKey(kafka, topic, key, expected).stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The events of one type in one tenant, whatever their key, after waiting for {@code expected} of them. */
    static List<JsonNode> eventsOfTenant(KafkaCompanion kafka, String topic, String tenant, String type, int expected) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> ofTenant(records(kafka, topic), tenant, type).size() >= expected);
        drain(kafka, topic);
        return ofTenant(records(kafka, topic), tenant, type);
    }

    /**
     * Waits until nothing is on its way: lead-service has published every event it committed (a quarantined one and
     * the later events of its aggregate aside: those are held back for good), and the run's reader has read the topic
     * up to its end. A record that should not be there is there by then.
     */
    private static void drain(KafkaCompanion kafka, String topic) {
        OutboxEventRepository outbox =
                Arc.container().instance(OutboxEventRepository.class).get();
        await().pollInSameThread()
                .pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(15))
                .until(() -> QuarkusTransaction.requiringNew()
                                .call(() -> outbox.getEntityManager()
                                        .createQuery(TO_SEND, Long.class)
                                        .getSingleResult())
                        == 0);
        List<TopicPartition> partitions = kafka.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.offsets().list(partitions).forEach((partition, end) -> ends.put(partition, end.offset()));
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(15))
                .until(() -> {
                    Map<TopicPartition, Long> read = new HashMap<>();
                    for (ConsumerRecord<String, String> r : records(kafka, topic)) {
                        read.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                    }
                    return ends.entrySet().stream()
                            .allMatch(end -> read.getOrDefault(end.getKey(), 0L) >= end.getValue());
                });
    }

    /** One reader per topic and broker for the whole run, each with a companion of its own. */
    private static final Map<String, ConsumerTask<String, String>> READERS = new ConcurrentHashMap<>();

    /**
     * Every record of the topic received so far by the run's reader, which started at the beginning of the topic. A
     * consumer per question finds its coordinator, joins its group and reads the topic from the start: about three
     * seconds each on a busy machine.
     */
    private static List<ConsumerRecord<String, String>> records(KafkaCompanion kafka, String topic) {
        ConsumerTask<String, String> reader = READERS.computeIfAbsent(
                kafka.getBootstrapServers() + " " + topic,
                key -> new KafkaCompanion(kafka.getBootstrapServers())
                        .consumeStrings()
                        .withProp("auto.offset.reset", "earliest")
                        .fromTopics(topic));
        return List.copyOf(reader.getRecords());
    }

    private static List<JsonNode> ofTenant(List<ConsumerRecord<String, String>> records, String tenant, String type) {
        return records.stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(e -> tenant.equals(e.get("tenant").asText())
                        && type.equals(e.get("type").asText()))
                .toList();
    }

    /** The event types, in order. */
    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static List<ConsumerRecord<String, String>> withKey(
            List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }
}
