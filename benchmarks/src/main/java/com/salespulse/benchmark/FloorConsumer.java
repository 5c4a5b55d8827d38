package com.salespulse.benchmark;

import com.salespulse.contract.CloudEventCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The least any read model that tells a repeated event from a new one must do: a plain consumer that decodes each
 * CloudEvent and records its id in PostgreSQL, one statement and one transaction per poll (the method of issue 6's
 * ingest benchmark, which this one replaces), on a database of its own on the same server, so analytics cannot be faster than this on the same machine; the distance is what the projections cost.
 */
final class FloorConsumer {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String user;

    FloorConsumer(String bootstrapServers, String jdbcUrl, String user) {
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** Reads the records between {@code from} and {@code to} (end offsets, exclusive): events/s. */
    double rate(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws SQLException {
        long events = 0;
        for (Map.Entry<TopicPartition, Long> end : to.entrySet()) {
            events += end.getValue() - from.getOrDefault(end.getKey(), 0L);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
                Connection connection = DriverManager.getConnection(jdbcUrl, user, "")) {
            try (var ddl = connection.createStatement()) {
                ddl.execute("drop table if exists benchmark_floor");
                ddl.execute("create table benchmark_floor (event_id uuid primary key)");
            }
            connection.setAutoCommit(false);
            consumer.assign(to.keySet());
            to.keySet().forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            long start = System.nanoTime();
            long read = 0;
            try (var insert = connection.prepareStatement(
                    "insert into benchmark_floor select id from unnest(?) as id on conflict do nothing")) {
                while (read < events) {
                    List<UUID> ids = new ArrayList<>();
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                        if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
                            ids.add(CODEC.decode(r.value()).metadata().id());
                        }
                    });
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
}
