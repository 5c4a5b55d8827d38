package com.salespulse.systemtest.faults;

import com.salespulse.contract.Topics;
import com.salespulse.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records no consumer can ever apply, written to lead-events under a real lead's key, so that they sit in the same
 * partition as the lead's own events: bytes that are no CloudEvent, a CloudEvent of a type nobody knows, and a
 * {@code salespulse.lead.created} whose data the contract refuses (its required fields missing).
 */
final class Poison {

    private Poison() {}

    static void malformed(LocalStack stack, String key) throws Exception {
        send(stack, key, "{\"not\": \"an event\"".getBytes(StandardCharsets.UTF_8));
    }

    static void unknownType(LocalStack stack, String tenant, String key) throws Exception {
        send(stack, key, cloudEvent(tenant, "salespulse.lead.teleported", "{\"leadId\":\"" + key + "\"}"));
    }

    static void refusedByTheContract(LocalStack stack, String tenant, String key) throws Exception {
        send(stack, key, cloudEvent(tenant, "salespulse.lead.created", "{\"leadId\":\"" + key + "\"}"));
    }

    private static byte[] cloudEvent(String tenant, String type, String data) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/salespulse/faults\","
                        + "\"type\":\"" + type + "\",\"time\":\"" + Instant.now() + "\",\"tenant\":\"" + tenant
                        + "\",\"actor\":\"system:faults\",\"datacontenttype\":\"application/json\",\"data\":" + data
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(LocalStack stack, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.LEAD_EVENTS, key, value)).get();
        }
    }
}
