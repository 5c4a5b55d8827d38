package com.salespulse.messaging.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's dead-letter topic, read and replayed by ops after a fix. SmallRye's dead-letter-queue strategy parks a
 * refused record with its key, value and headers, adding {@code dead-letter-*} headers (original topic, partition,
 * offset, the failure); a replay sends the record back to its original topic with its key and its own headers, those
 * removed. A replay is idempotent because every consumer skips an event id it consumed already (the consumed-event
 * log), so a record replayed twice changes nothing the second time. The topic itself is never changed (Kafka
 * appends only); what was replayed, when and by whom is kept in {@code dead_letter_replay}, so the list shows it.
 * <p>
 * The topic is read from its start on every call with a consumer of no group: a dead-letter topic is small, and nothing
 * of its position needs keeping.
 */
@ApplicationScoped
@IfBuildProperty(name = "salespulse.dead-letters.enabled", stringValue = "true")
public class DeadLetters {

    static final String HEADER_PREFIX = "dead-letter-";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> kafkaConfig;
    private final Producer<String, byte[]> producer;
    private final EntityManager entities;
    private final Clock clock;
    private final String topic;

    public DeadLetters(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Producer<String, byte[]> producer,
            EntityManager entities,
            Clock clock,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic") String topic) {
        this.kafkaConfig = kafkaConfig;
        this.producer = producer;
        this.entities = entities;
        this.clock = clock;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Every parked record, by partition then offset, with what was replayed of it. */
    public List<DeadLetterApi.DeadLetter> list() {
        Map<String, Object[]> replays = replays();
        return read().stream()
                .map(record -> describe(record, replays.get(record.partition() + "@" + record.offset())))
                .toList();
    }

    /** Re-publishes the selected records to their original topics and records the replay; returns them as listed. */
    public List<DeadLetterApi.DeadLetter> replay(ReplaySelection selection, String actor) {
        List<ConsumerRecord<String, byte[]>> records = read();
        List<ConsumerRecord<String, byte[]>> chosen = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (header(record.headers(), "topic") != null && selection.takes(describe(record, null))) {
                chosen.add(record);
            }
        }
        for (ConsumerRecord<String, byte[]> record : chosen) {
            send(record);
        }
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew()
                .run(() -> chosen.forEach(record -> entities.createNativeQuery("""
                        insert into dead_letter_replay (topic, topic_partition, record_offset, replayed_at, actor, replays)
                        values (?1, ?2, ?3, ?4, ?5, 1)
                        on conflict (topic, topic_partition, record_offset)
                        do update set replayed_at = excluded.replayed_at, actor = excluded.actor,
                                      replays = dead_letter_replay.replays + 1""")
                        .setParameter(1, topic)
                        .setParameter(2, record.partition())
                        .setParameter(3, record.offset())
                        .setParameter(4, now.atOffset(java.time.ZoneOffset.UTC))
                        .setParameter(5, actor)
                        .executeUpdate()));
        Map<String, Object[]> replays = replays();
        return chosen.stream()
                .map(record -> describe(record, replays.get(record.partition() + "@" + record.offset())))
                .toList();
    }

    /** Sends one record back to its original topic, keyed as before (so to the same partition), and waits for it. */
    private void send(ConsumerRecord<String, byte[]> record) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        ProducerRecord<String, byte[]> replayed =
                new ProducerRecord<>(header(record.headers(), "topic"), null, record.key(), record.value(), headers);
        try {
            producer.send(replayed).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying " + where(record), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not replay " + where(record) + ": " + e.getMessage(), e);
        }
    }

    private String where(ConsumerRecord<String, byte[]> record) {
        return topic + "-" + record.partition() + "@" + record.offset();
    }

    /** The whole topic, from its start to its end as of now, by partition then offset. */
    private List<ConsumerRecord<String, byte[]>> read() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-reader");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The dead-letter topic " + topic + " could not be read in time");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        records.add(record);
                    }
                });
            }
        } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
            return records;
        }
        records.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    /** partition@offset -> {replayed_at, actor, replays} */
    private Map<String, Object[]> replays() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object[]> byRecord = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entities.createNativeQuery(
                            "select topic_partition, record_offset, replayed_at, actor, replays "
                                    + "from dead_letter_replay where topic = ?1")
                    .setParameter(1, topic)
                    .getResultList();
            for (Object[] row : rows) {
                byRecord.put(
                        ((Number) row[0]).intValue() + "@" + ((Number) row[1]).longValue(),
                        new Object[] {row[2], row[3], row[4]});
            }
            return byRecord;
        });
    }

    private static DeadLetterApi.DeadLetter describe(ConsumerRecord<String, byte[]> record, Object[] replay) {
        Headers headers = record.headers();
        JsonNode event = event(record.value());
        String partition = header(headers, "partition");
        String offset = header(headers, "offset");
        return new DeadLetterApi.DeadLetter(
                record.partition(),
                record.offset(),
                header(headers, "topic"),
                partition == null ? null : Integer.valueOf(partition),
                offset == null ? null : Long.valueOf(offset),
                record.key(),
                text(event, "id", headers, "ce_id"),
                text(event, "type", headers, "ce_type"),
                header(headers, "reason"),
                header(headers, "exception-class-name"),
                Instant.ofEpochMilli(record.timestamp()),
                replay == null ? null : instant(replay[0]),
                replay == null ? null : (String) replay[1],
                replay == null ? 0 : ((Number) replay[2]).intValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }

    /** The structured-mode CloudEvent in the value, or null when the value is not JSON. */
    private static JsonNode event(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A CloudEvent attribute from the structured value, else from a binary-mode header. */
    private static String text(JsonNode event, String attribute, Headers headers, String header) {
        if (event != null && event.path(attribute).isTextual()) {
            return event.path(attribute).asText();
        }
        Header binary = headers.lastHeader(header);
        return binary == null ? null : new String(binary.value(), StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(HEADER_PREFIX + name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
