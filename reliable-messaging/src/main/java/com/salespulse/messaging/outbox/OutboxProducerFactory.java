package com.salespulse.messaging.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The relay's Kafka producer: idempotent (no duplicates or reordering from the producer's own retries), acks from
 * all in-sync replicas. Connection settings come from the application's {@code kafka.*} configuration.
 */
public class OutboxProducerFactory {

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> outboxProducer(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OutboxConfig outboxConfig) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // bounded: with the broker unreachable a send gives up within send-timeout (the default is two minutes), and
        // send() itself blocks on missing metadata for half of it at most
        long sendTimeout = outboxConfig.sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (sendTimeout / 2 - 5));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout / 2);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close();
    }
}
