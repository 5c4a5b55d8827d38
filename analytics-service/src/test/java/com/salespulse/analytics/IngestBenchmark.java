package com.salespulse.analytics;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
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
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The ingest benchmark: not a test (surefire does not pick it up by name; it asserts nothing). Run it alone:
 * {@code ./mvnw -pl analytics-service verify -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.events=50000}. On one broker it
 * measures, for a stream of lead creations and for a mixed stream of sales journeys, (a) a plain KafkaConsumer reading
 * N generated events, (b) analytics-service applying the same N events to
 * its read model, and the freshness (event time to applied) at a steady lower rate. Figures in docs/benchmarks.md.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestProfile(IngestBenchmark.PausableChannels.class)
class IngestBenchmark {

    /** The benchmark holds analytics' consumers while it loads a stream, so (b) times applying, not producing. */
    public static class PausableChannels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            for (String topic : List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS)) {
                config.put("mp.messaging.incoming.\"" + topic + "\".pausable", "true");
            }
            return config;
        }
    }

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    @Inject
    DataSource dataSource;

    @Inject
    ChannelRegistry channels;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("benchmark.events", 50000);
        int warmup = Integer.getInteger("benchmark.warmup", 10000);
        int steadyRate = Integer.getInteger("benchmark.steady-rate", 20);
        int steadySeconds = Integer.getInteger("benchmark.steady-seconds", 15);
        String run = UUID.randomUUID().toString().substring(0, 8);

        // unmeasured warm-up of every path, so the figures are of JIT-compiled code, not of its first minutes
        measureStream("warm-" + run, journeys("warm-" + run, warmup));

        String[] leadOnly = measureStream("leads-" + run, leadsOnly("leads-" + run, events));
        String[] mixed = measureStream("mixed-" + run, journeys("mixed-" + run, events));

        List<Long> freshness = freshness("fresh-" + run, steadyRate, steadySeconds);
        Collections.sort(freshness);
        System.out.printf(
                "%nINGEST BENCHMARK (after %d unmeasured events)%n  %s%n  %s"
                        + "%n  freshness at %d events/s over %d s (%d samples): p50 %d ms, p99 %d ms%n%n",
                warmup,
                String.join("\n  ", leadOnly),
                String.join("\n  ", mixed),
                steadyRate,
                steadySeconds,
                freshness.size(),
                percentile(freshness, 50),
                percentile(freshness, 99));
        // -Dbenchmark.hold-seconds=N keeps the broker and database up afterwards, to look at plans with psql
        Thread.sleep(1000L * Integer.getInteger("benchmark.hold-seconds", 0));
    }

    /**
     * Loads one stream while analytics' consumers are paused, reads it with a plain consumer and with the floor
     * consumer, then resumes analytics and times it applying the same records: the lines to print.
     */
    private String[] measureStream(String tenant, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Map<TopicPartition, Long> from = endOffsets();
        double appliedPerSecond;
        double readPerSecond;
        double floorPerSecond;
        pauseAnalytics(true);
        try {
            try (KafkaProducer<String, byte[]> producer = producer()) {
                records.forEach(producer::send);
            }
            // the plain read takes a fraction of a second and varies with the broker's state: the median of three
            List<Double> reads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                reads.add(plainConsumerRate(from, records.size()));
            }
            Collections.sort(reads);
            readPerSecond = reads.get(1);
            floorPerSecond = floorConsumerRate(from, records.size());
            Thread.sleep(500);
            if (applied(tenant) != 0) {
                throw new IllegalStateException("analytics applied events while paused: the figure would be wrong");
            }
        } finally {
            pauseAnalytics(false);
        }
        double[] batchesBefore = batches();
        double[] cpuBefore = cpuSeconds();
        Instant resumed = Instant.now();
        appliedPerSecond = applyRate(tenant, records.size());
        double[] cpuAfter = cpuSeconds();
        double[] batchesAfter = batches();
        double seconds = records.size() / appliedPerSecond;
        String kind =
                tenant.startsWith("leads-") ? "LeadCreated only" : "sales journeys (lead, roster and deal events)";
        return new String[] {
            String.format("%s, %d events:", kind, records.size()),
            String.format("  plain KafkaConsumer: %.0f events/s (median of three reads)", readPerSecond),
            String.format(
                    "  floor (plain consumer + decode + ids recorded in PostgreSQL, a transaction per poll): %.0f events/s",
                    floorPerSecond),
            String.format(
                    "  analytics applying: %.0f events/s (from resuming its consumers to the last applied)",
                    appliedPerSecond),
            String.format(
                    "  ratio: %.3f (floor: %.3f)", appliedPerSecond / readPerSecond, floorPerSecond / readPerSecond),
            String.format(
                    "  CPU while applying (%.1f s from %s, 2 cores = %.1f CPU-s): this JVM %.1f s, PostgreSQL %.1f s",
                    seconds, resumed, 2 * seconds, cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]),
            String.format(
                    "  batches applied: %.0f, %.0f events each on average",
                    batchesAfter[0] - batchesBefore[0],
                    (batchesAfter[1] - batchesBefore[1]) / Math.max(1, batchesAfter[0] - batchesBefore[0]))
        };
    }

    /** How many polled batches analytics has taken so far, and how many records they held. */
    private double[] batches() {
        double count = 0;
        double records = 0;
        for (var summary : meters.find("salespulse.events.batch.size").summaries()) {
            count += summary.count();
            records += summary.totalAmount();
        }
        return new double[] {count, records};
    }

    /**
     * CPU seconds used so far by this JVM (analytics, the broker, the test) and by the PostgreSQL processes, read from
     * /proc (Linux); zeros elsewhere.
     */
    private static double[] cpuSeconds() {
        double jvm = ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        double postgres = 0;
        java.io.File[] processes =
                new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
            try {
                String stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
                if (stat.contains("(postgres)")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    postgres +=
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime + stime, ticks
                }
            } catch (java.io.IOException | RuntimeException gone) {
                // the process ended meanwhile
            }
        }
        return new double[] {jvm, postgres};
    }

    private void pauseAnalytics(boolean pause) {
        for (String topic : List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS)) {
            PausableChannel channel = channels.getPausable(topic);
            if (pause) {
                channel.pause();
            } else {
                channel.resume();
            }
        }
    }

    /** From now until the tenant has all its events applied: events/s. */
    private double applyRate(String tenant, int events) throws Exception {
        long start = System.nanoTime();
        while (applied(tenant) < events) {
            Thread.sleep(5);
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static List<ProducerRecord<String, byte[]>> leadsOnly(String tenant, int events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            records.add(record(tenant, Instant.now()));
        }
        return records;
    }

    /**
     * At least {@code events} events of a tenant with ten managers and one pipeline, as a day of sales work makes
     * them: each lead is created, taken into work, gets a call-back task, a logged call and the task done; every
     * second one becomes a deal that moves a stage and is won, the others are rejected: 7 events a lead on average, on the
     * lead, deal and roster topics, each keyed by its aggregate as the services' outboxes key them.
     */
    private static List<ProducerRecord<String, byte[]>> journeys(String tenant, int events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events + 10);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID won = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        List<UUID> managers = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            managers.add(UUID.randomUUID());
            records.add(record(
                    tenant, RosterEvents.hired(managers.get(m), "Manager " + m, null, 50, "2026-10-01T06:00:00Z")));
        }
        records.add(record(tenant, DealEvents.pipeline(pipeline, first, second, won, UUID.randomUUID())));
        Instant day = Instant.parse("2026-11-02T06:00:00Z");
        for (int i = 0; records.size() < events; i++) {
            UUID lead = UUID.randomUUID();
            UUID manager = managers.get(i % managers.size());
            UUID task = UUID.randomUUID();
            Instant at = day.plusSeconds(60L * i);
            records.add(record(tenant, LeadEvents.lead(lead, "website", manager, "Client " + i, at(at, 0))));
            records.add(record(tenant, LeadEvents.status(lead, "NEW", "IN_WORK", manager, at(at, 5))));
            records.add(
                    record(tenant, DealEvents.task(task, "LEAD", lead, manager, "Call back", at(at, 1440), at(at, 5))));
            records.add(record(tenant, DealEvents.call("LEAD", lead, manager, at(at, 60))));
            records.add(record(tenant, DealEvents.taskDone(task, "LEAD", lead, manager, at(at, 1440), at(at, 60))));
            if (i % 2 == 0) {
                UUID deal = UUID.randomUUID();
                records.add(
                        record(tenant, DealEvents.deal(deal, manager, pipeline, first, "Client " + i, at(at, 1440))));
                records.add(record(tenant, DealEvents.moved(deal, manager, pipeline, first, second, at(at, 4320))));
                records.add(record(
                        tenant, DealEvents.won(deal, manager, pipeline, second, won, at(at, 1440), at(at, 10080))));
            } else {
                records.add(record(
                        tenant, LeadEvents.rejected(lead, "IN_WORK", "NO_BUDGET", manager, "website", at(at, 120))));
            }
        }
        return records;
    }

    private static String at(Instant start, long minutesLater) {
        return start.plusSeconds(60 * minutesLater).toString();
    }

    private static ProducerRecord<String, byte[]> record(String tenant, DomainEvent data) {
        byte[] value = CODEC.encode(
                new EventMetadata(UUID.randomUUID(), URI.create("/benchmark"), Instant.now(), tenant, "user:bench"),
                data);
        return new ProducerRecord<>(
                EventType.of(data).topic(),
                null,
                data.aggregateId().toString(),
                value,
                new RecordHeaders().add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    }

    /** Events produced one by one at a steady rate; per event, applied-at minus event time (both on this machine). */
    private List<Long> freshness(String tenant, int rate, int seconds) throws Exception {
        Map<UUID, Long> sentAt = new HashMap<>();
        List<Long> samples = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int total = rate * seconds;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < total; i++) {
                while (System.nanoTime() < next) {
                    sample(tenant, sentAt, samples);
                    Thread.sleep(1);
                }
                ProducerRecord<String, byte[]> record = record(tenant, Instant.now());
                sentAt.put(CODEC.decode(record.value()).metadata().id(), System.currentTimeMillis());
                producer.send(record);
                next += interval;
            }
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
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
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

    /**
     * The least any read model that tells a repeated event from a new one must do: a plain consumer that decodes each
     * CloudEvent and records its id in PostgreSQL, one statement and one transaction per poll. Analytics cannot be
     * faster than this on the same machine; the distance between the two is what the projections cost.
     */
    private double floorConsumerRate(Map<TopicPartition, Long> from, int events) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
                var connection = dataSource.getConnection()) {
            try (var ddl = connection.createStatement()) {
                ddl.execute("create table if not exists benchmark_floor (event_id uuid primary key)");
            }
            connection.setAutoCommit(false);
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long start = System.nanoTime();
            int read = 0;
            try (var insert = connection.prepareStatement(
                    "insert into benchmark_floor select id from unnest(?) as id on conflict do nothing")) {
                while (read < events) {
                    List<UUID> ids = new ArrayList<>();
                    consumer.poll(Duration.ofMillis(100))
                            .forEach(r ->
                                    ids.add(CODEC.decode(r.value()).metadata().id()));
                    if (!ids.isEmpty()) {
                        insert.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                        insert.executeUpdate();
                        connection.commit();
                        read += ids.size();
                    }
                }
            }
            double rate = read / ((System.nanoTime() - start) / 1e9);
            connection.setAutoCommit(true);
            try (var ddl = connection.createStatement()) {
                ddl.execute("drop table benchmark_floor");
            }
            return rate;
        }
    }

    /** A producer of its own, closed after use: an idle producer left open would take CPU from what is measured. */
    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private Map<TopicPartition, Long> endOffsets() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            return consumer.endOffsets(partitions);
        }
    }

    private long applied(String tenant) throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
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
        byte[] value = CODEC.encode(
                new EventMetadata(UUID.randomUUID(), URI.create("/benchmark"), at, tenant, "user:bench"),
                LeadEvents.leadWithPhone(lead, "website", null, null, at));
        return new ProducerRecord<>(
                Topics.LEAD_EVENTS,
                null,
                lead.toString(),
                value,
                new RecordHeaders().add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
