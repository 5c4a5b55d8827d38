package com.salespulse.deal;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** What the deal-service tests share: tokens, events put on the real topics, and events read back from them. */
public final class DealTestKit {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DealTestKit() {}

    public static RequestSpecification asHead(String tenant) {
        return given().auth().oauth2(TestTokens.head(tenant)).contentType("application/json");
    }

    public static RequestSpecification asManager(String tenant, UUID managerId) {
        return given().auth().oauth2(TestTokens.manager(tenant, managerId)).contentType("application/json");
    }

    public static RequestSpecification asIntegrator(String tenant) {
        return given().auth().oauth2(TestTokens.integrator(tenant)).contentType("application/json");
    }

    /** A CloudEvent as lead-service's outbox would write it, with a fresh event id. */
    public static byte[] event(String tenant, DomainEvent data) {
        return event(tenant, UUID.randomUUID(), data);
    }

    public static byte[] event(String tenant, UUID eventId, DomainEvent data) {
        return CODEC.encode(
                new EventMetadata(
                        eventId, URI.create("/salespulse/lead-service"), Instant.now(), tenant, "user:head-of-sales"),
                data);
    }

    /** Puts records on a topic as the outbox relay sends them: keyed by aggregate id, structured-mode CloudEvents. */
    public static void produce(KafkaCompanion kafka, String topic, UUID key, byte[]... values) {
        List<ProducerRecord<String, byte[]>> records = java.util.Arrays.stream(values)
                .map(value -> new ProducerRecord<>(
                        topic,
                        null,
                        key.toString(),
                        value,
                        new RecordHeaders()
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .toList();
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    /** Waits until the client has {@code expected} deals; returns their ids, newest first. */
    public static List<String> awaitDealOfClient(String tenant, UUID clientId, int expected) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> asHead(tenant)
                                .queryParam("clientId", clientId.toString())
                                .get("/api/v1/deals")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getInt("total")
                        >= expected);
        return asHead(tenant)
                .queryParam("clientId", clientId.toString())
                .get("/api/v1/deals")
                .then()
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }

    /**
     * Reads salespulse.deal.events from the beginning (the run's one reader) and returns the data of every event of
     * {@code type} whose key is {@code key}, once at least {@code expected} are there and nothing more is on its way
     * (see {@link #drain}).
     */
    public static List<JsonNode> awaitDealEvents(KafkaCompanion kafka, String key, String type, int expected) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> matching(kafka, key, type).size() >= expected);
        drain(kafka);
        return matching(kafka, key, type);
    }

    /** Every event on salespulse.deal.events keyed by {@code key}, whatever its type (after waiting for {@code expected}). */
    public static List<JsonNode> awaitAllDealEvents(KafkaCompanion kafka, String key, int expected) {
        return awaitDealEvents(kafka, key, null, expected);
    }

    /** Every event of {@code type} for {@code tenant} on salespulse.deal.events (after waiting for {@code expected}). */
    public static List<JsonNode> awaitEventsOfType(KafkaCompanion kafka, String type, String tenant, int expected) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ofTenant(kafka, type, tenant).size() >= expected);
        drain(kafka);
        return ofTenant(kafka, type, tenant);
    }

    /** The outbox rows the relay is still to send (a quarantined one and the later ones of its aggregate never are). */
    private static final String TO_SEND = """
            select count(e) from OutboxEvent e where e.publishedAt is null and e.quarantinedAt is null
            and not exists (select 1 from OutboxEvent q where q.aggregateId = e.aggregateId
                and q.quarantinedAt is not null and q.publishedAt is null and q.seq < e.seq)""";

    /**
     * Waits until nothing is on its way: deal-service has published every event it committed, and the run's reader
     * has read salespulse.deal.events up to its end. An event that should not be there is there by then.
     */
    private static void drain(KafkaCompanion kafka) {
        OutboxEventRepository outbox =
                Arc.container().instance(OutboxEventRepository.class).get();
        await().pollInSameThread()
                .pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(60))
                .until(() -> QuarkusTransaction.requiringNew()
                                .call(() -> outbox.getEntityManager()
                                        .createQuery(TO_SEND, Long.class)
                                        .getSingleResult())
                        == 0);
        String topic = Topics.DEAL_EVENTS;
        List<TopicPartition> partitions = kafka.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.offsets().list(partitions).forEach((partition, end) -> ends.put(partition, end.offset()));
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    Map<TopicPartition, Long> read = new HashMap<>();
                    for (ConsumerRecord<String, String> r : dealEvents(kafka)) {
                        read.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                    }
                    return ends.entrySet().stream()
                            .allMatch(end -> read.getOrDefault(end.getKey(), 0L) >= end.getValue());
                });
    }

    /** One reader of salespulse.deal.events per broker for the whole run, with a companion of its own. */
    private static final Map<String, ConsumerTask<String, String>> READERS = new ConcurrentHashMap<>();

    /**
     * Every record of salespulse.deal.events received so far by the run's reader, which started at the beginning of
     * the topic. A consumer per question finds its coordinator, joins its group and reads the topic from the start:
     * about three seconds each on a busy machine, most of the card-transfer tests' time.
     */
    private static List<ConsumerRecord<String, String>> dealEvents(KafkaCompanion kafka) {
        ConsumerTask<String, String> reader = READERS.computeIfAbsent(
                kafka.getBootstrapServers(),
                servers -> new KafkaCompanion(servers)
                        .consumeStrings()
                        .withProp("auto.offset.reset", "earliest")
                        .fromTopics(Topics.DEAL_EVENTS));
        return List.copyOf(reader.getRecords());
    }

    private static List<JsonNode> ofTenant(KafkaCompanion kafka, String type, String tenant) {
        return dealEvents(kafka).stream()
                .map(DealTestKit::parse)
                .filter(e -> type.equals(e.get("type").asText())
                        && tenant.equals(e.get("tenant").asText()))
                .toList();
    }

    private static List<JsonNode> matching(KafkaCompanion kafka, String key, String type) {
        return dealEvents(kafka).stream()
                .filter(r -> key.equals(r.key()))
                .map(DealTestKit::parse)
                .filter(e -> type == null || type.equals(e.get("type").asText()))
                .toList();
    }

    private static JsonNode parse(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
