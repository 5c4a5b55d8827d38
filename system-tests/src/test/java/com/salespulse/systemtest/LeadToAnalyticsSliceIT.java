package com.salespulse.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.Topics;
import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.ServiceProcess;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The first slice, end to end: the packaged services run as their own processes on a real PostgreSQL and
 * a real Kafka broker; a lead posted to lead-service over HTTP shows up in analytics-service's lead-inflow metric.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeadToAnalyticsSliceIT {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String TENANT = "e2e-tenant";
    private static LocalStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = SuiteStack.get();
    }

    @Test
    @Order(1)
    void everyServiceIsReadyAndDocumentsItsApi() {
        for (ServiceProcess service : stack.services()) {
            given().baseUri(service.spec().managementUrl())
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200);
            given().baseUri(service.spec().url())
                    .when()
                    .get("/api/v1/anything")
                    .then()
                    .statusCode(
                            org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(404)));
            given().baseUri(service.spec().managementUrl())
                    .when()
                    .get("/q/openapi?format=json")
                    .then()
                    .statusCode(200)
                    .body(
                            "info.title",
                            org.hamcrest.Matchers.equalTo(
                                    "Sales Pulse " + service.spec().name()));
        }
    }

    @Test
    @Order(2)
    void leadPostedToLeadServiceAppearsInAnalyticsLeadInflow() {
        List<Long> millis = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String source = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
            long posted = System.nanoTime();

            postLead(source);

            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> leadInflowTotal(source) == 1);
            millis.add((System.nanoTime() - posted) / 1_000_000);
        }
        // a figure for the reader of the build log, not an assertion: timing belongs in benchmarks
        System.out.println("[system-tests] lead visible in analytics after the POST returned, ms: " + millis);
    }

    @Test
    @Order(3)
    void aRepeatedEventIsNotCountedTwice() throws Exception {
        String source = "e2e-dup-" + UUID.randomUUID().toString().substring(0, 8);
        String leadId = postLead(source);
        await().atMost(Duration.ofSeconds(10)).until(() -> leadInflowTotal(source) == 1);
        double duplicatesBefore = consumedCounter("duplicate");

        // what the relay does when it dies between send and mark: the same record, once more
        ConsumerRecord<String, byte[]> original = readLeadRecord(leadId);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.LEAD_EVENTS, original.key(), original.value()));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> consumedCounter("duplicate") > duplicatesBefore);
        assertThat(leadInflowTotal(source)).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aLeadTakenWhileKafkaIsOutOfReachSurvivesACrashAndArrives() throws Exception {
        // lead-service cut off from Kafka: it keeps taking leads, their events wait in the outbox
        stack.killAndRestartUnready("lead-service", Map.of("kafka.bootstrap.servers", "localhost:1"));
        String source = "e2e-crash-" + UUID.randomUUID().toString().substring(0, 8);
        String leadId = postLead(source);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(unpublishedOutboxRows(leadId))
                .as("the lead's event waits in the outbox")
                .isEqualTo(1);
        assertThat(leadInflowTotal(source)).isZero();

        // the process dies; when it comes back with Kafka in reach, the committed event is published
        stack.killAndRestart("lead-service", Map.of());

        await().atMost(Duration.ofSeconds(15)).until(() -> leadInflowTotal(source) == 1);
        // the relay marks the row after the broker's ack, so analytics may see the event a moment before that
        await().atMost(Duration.ofSeconds(5)).until(() -> unpublishedOutboxRows(leadId) == 0);
    }

    @Test
    @Order(5)
    void badInputToLeadIntakeIsAProblemAndWritesNothing() throws Exception {
        long before = leadRows();

        given().baseUri(stack.service("lead-service").spec().url())
                .contentType(ContentType.JSON)
                .auth()
                .oauth2(stack.tokens().integrator(TENANT))
                .body("{\"source\":\"\",\"phone\":\"+79120000000\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        assertThat(leadRows()).isEqualTo(before);
    }

    private static String postLead(String source) {
        return given().baseUri(stack.service("lead-service").spec().url())
                .contentType(ContentType.JSON)
                .auth()
                .oauth2(stack.tokens().integrator(TENANT))
                .body("{\"source\":\"" + source + "\",\"clientName\":\"Ivan Ivanov\",\"phone\":\"+7 912 345-67-89\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static long leadInflowTotal(String source) {
        LocalDate today = LocalDate.now(MOSCOW);
        Number total = given().baseUri(stack.service("analytics-service").spec().url())
                .auth()
                .oauth2(stack.tokens().head(TENANT))
                .queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString())
                .queryParam("source", source)
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .path("figures.total");
        return total.longValue();
    }

    /** analytics-service's own count of events it skipped as already applied, from its Prometheus endpoint. */
    private static double consumedCounter(String outcome) throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stack.service("analytics-service")
                                                .spec()
                                                .managementUrl() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher matcher = Pattern.compile(
                        "salespulse_events_consumed_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.E+-]+)")
                .matcher(metrics);
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }

    private static ConsumerRecord<String, byte[]> readLeadRecord(String leadId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.LEAD_EVENTS));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (leadId.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record for lead " + leadId);
    }

    private static long unpublishedOutboxRows(String leadId) throws SQLException {
        return queryLeadDb("select count(*) from outbox_event where aggregate_id = '" + UUID.fromString(leadId)
                + "' and published_at is null");
    }

    private static long leadRows() throws SQLException {
        return queryLeadDb("select count(*) from lead");
    }

    private static long queryLeadDb(String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(stack.postgres().jdbcUrl("lead"), "postgres", "");
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
