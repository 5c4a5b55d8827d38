package com.salespulse.analytics;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The ingest benchmark: not a test (surefire does not pick it up by name; it asserts nothing). Run it alone:
 * {@code ./mvnw -pl analytics-service verify -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.events=50000}. On one broker it
 * measures (a) a plain KafkaConsumer reading N generated events, (b) analytics-service applying the same N events to
 * its read model, and the freshness (event time to applied) at a steady lower rate. Figures in docs/benchmarks.md.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class IngestBenchmark {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("benchmark.events", 50000);
        int warmup = Integer.getInteger("benchmark.warmup", 10000);
        int steadyRate = Integer.getInteger("benchmark.steady-rate", 20);
        int steadySeconds = Integer.getInteger("benchmark.steady-seconds", 15);
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);

        // unmeasured warm-up of both paths, so the figures are of JIT-compiled code, not of its first minutes
        Map<TopicPartition, Long> warmupFrom = endOffsets();
        loadAndApply("warm-" + tenant, warmup);
        plainConsumerRate(warmupFrom, warmup);

        Map<TopicPartition, Long> from = endOffsets();
        double appliedPerSecond = loadAndApply(tenant, events);
        double readPerSecond = plainConsumerRate(from, events);

        List<Long> freshness = freshness("fresh-" + tenant, steadyRate, steadySeconds);
        Collections.sort(freshness);
        System.out.printf("%nINGEST BENCHMARK: %d LeadCreated events (after %d unmeasured)%n  plain KafkaConsumer: %.0f events/s"
                + "%n  analytics applying: %.0f events/s (from the first send to the last applied)%n  ratio: %.3f"
                + "%n  freshness at %d events/s over %d s (%d samples): p50 %d ms, p99 %d ms%n%n",
                events, warmup, readPerSecond, appliedPerSecond, appliedPerSecond / readPerSecond, steadyRate,
                steadySeconds, freshness.size(), percentile(freshness, 50), percentile(freshness, 99));
    }

    /** Sends {@code events} lead creations of a new tenant and waits until all are applied: events/s. */
    private double loadAndApply(String tenant, int events) throws Exception {
        long start = System.nanoTime();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            records.add(record(tenant, Instant.now()));
        }
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofMinutes(2));
        while (applied(tenant) < events) {
            Thread.sleep(20);
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /** Events produced one by one at a steady rate; per event, applied-at minus event time (both on this machine). */
    private List<Long> freshness(String tenant, int rate, int seconds) throws Exception {
        Map<UUID, Long> sentAt = new HashMap<>();
        List<Long> samples = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            while (System.nanoTime() < next) {
                sample(tenant, sentAt, samples);
                Thread.sleep(1);
            }
            ProducerRecord<String, byte[]> record = record(tenant, Instant.now());
            sentAt.put(CODEC.decode(record.value()).metadata().id(), System.currentTimeMillis());
            kafka.produce(String.class, byte[].class).fromRecords(record);
            next += interval;
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (applied(tenant) < total && System.currentTimeMillis() < deadline) {
            sample(tenant, sentAt, samples);
            Thread.sleep(1);
        }
        return samples;
    }

    /** The newest applied event of the tenant and when it was applied: one sample per event seen. */
    private void sample(String tenant, Map<UUID, Long> sentAt, List<Long> samples) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "select last_event_id, updated_at from projection_position where tenant_id = ? and gen = (select live_gen from read_model_generation)")) {
            statement.setString(1, tenant);
            try (var rs = statement.executeQuery()) {
                if (rs.next()) {
                    Long sent = sentAt.remove((UUID) rs.getObject(1));
                    if (sent != null) {
                        samples.add(rs.getTimestamp(2).getTime() - sent);
                    }
                }
            }
        }
    }

    private double plainConsumerRate(Map<TopicPartition, Long> from, int events) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long start = System.nanoTime();
            int read = 0;
            while (read < events) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEAD_EVENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private long applied(String tenant) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "select coalesce(sum(events_applied), 0) from projection_position where tenant_id = ? and gen = (select live_gen from read_model_generation)")) {
            statement.setString(1, tenant);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static ProducerRecord<String, byte[]> record(String tenant, Instant at) {
        UUID lead = UUID.randomUUID();
        byte[] value = CODEC.encode(new EventMetadata(UUID.randomUUID(), URI.create("/benchmark"), at, tenant, "user:bench"),
                new LeadCreated(lead, "website", null, "Client", null, null, at));
        return new ProducerRecord<>(Topics.LEAD_EVENTS, null, lead.toString(), value, new RecordHeaders()
                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
