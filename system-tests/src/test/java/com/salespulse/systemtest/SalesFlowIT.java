package com.salespulse.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertType;
import com.salespulse.localstack.LocalStack;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services talking to each other over Kafka, as packaged processes on a real PostgreSQL and a real broker:
 * a lead converted in lead-service becomes exactly one deal in deal-service, and a dismissal with "transfer to X"
 * moves the manager's open leads (lead-service) and open deals and tasks (deal-service) under one transfer id that
 * both services can show; an alert whose webhook is down survives a kill -9 of notification-service in the middle of
 * its retries and reaches the receiver exactly once.
 *
 * <p>Each of the two stories is played once, by the first rule that needs it ({@link Dismissal}, {@link
 * CrashedDelivery}); the rules only look at what it left, so they hold in any order.
 */
class SalesFlowIT {

    /** The tenant notification-service may deliver to the test's receiver on loopback for (SuiteStack). */
    static final String TENANT = "e2e-flow";

    private static final List<Map<String, String>> ALL_DAY_EVERY_DAY =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY").stream()
                    .map(day -> Map.of("day", day, "start", "00:00:00", "end", "23:59:00"))
                    .toList();
    private static final Once<Dismissal> DISMISSAL = new Once<>(Dismissal::play);
    private static final Once<CrashedDelivery> CRASHED_DELIVERY = new Once<>(CrashedDelivery::play);
    private static LocalStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = SuiteStack.get();
    }

    @AfterAll
    static void stopTheReceiver() {
        CRASHED_DELIVERY.ifPlayed(delivery -> delivery.receiver().stop(0));
    }

    // --- a converted lead, then the dismissal of its manager

    @Test
    void aConvertedLeadBecomesExactlyOneDealOfTheSameManager() {
        Dismissal flow = DISMISSAL.get();

        assertThat(flow.dealsOfTheClient().getInt("total")).isEqualTo(1);
        assertThat(flow.dealsOfTheClient().getString("items[0].leadId")).isEqualTo(flow.convertedLead());
        assertThat(flow.dealsOfTheClient().getString("items[0].managerId"))
                .isEqualTo(flow.boris().toString());
    }

    @Test
    void dealServiceMovesTheDealAndItsTaskToTheNamedManagerUnderTheSameTransfer() {
        Dismissal flow = DISMISSAL.get();

        JsonPath dealSide =
                transferAsShownBy(SalesFlowIT::dealService, flow.transfer(), t -> t.get("completedAt") != null);
        assertThat(dealSide.getList("moved.cardId")).containsExactlyInAnyOrder(flow.deal(), flow.task());
        assertThat(dealSide.getList("moved.toManagerId"))
                .containsOnly(flow.anna().toString());
        assertThat(dealSide.getList("failed")).isEmpty();
        asHead(dealService())
                .get("/api/v1/deals/{id}", flow.deal())
                .then()
                .statusCode(200)
                .body("managerId", equalTo(flow.anna().toString()));
    }

    @Test
    void theDismissedManagersOpenLeadMovesToTheNamedManager() {
        Dismissal flow = DISMISSAL.get();

        asHead(leadService())
                .get("/api/v1/leads/{id}", flow.openLead())
                .then()
                .statusCode(200)
                .body("managerId", equalTo(flow.anna().toString()));
    }

    @Test
    void leadServiceShowsTheLeadAndTheDealSideOfTheTransferUnderOneId() {
        Dismissal flow = DISMISSAL.get();

        JsonPath leadSide = transferAsShownBy(
                SalesFlowIT::leadService, flow.transfer(), t -> "COMPLETED".equals(t.getString("status")));
        System.out.println("[system-tests] transfer as lead-service shows it: " + leadSide.prettify());
        assertThat(leadSide.prettify()).contains(flow.openLead(), flow.deal(), flow.task());
    }

    // --- an alert whose webhook is down while notification-service is killed in the middle of its retries

    @Test
    void theDeliveryPendingAtTheCrashReachesTheReceiverExactlyOnce() {
        CrashedDelivery delivery = CRASHED_DELIVERY.get();

        assertThat(delivery.accepted()).hasSize(1);
    }

    @Test
    void everyAttemptBeforeAndAfterTheCrashCarriesTheSameWebhookId() {
        CrashedDelivery delivery = CRASHED_DELIVERY.get();

        assertThat(delivery.attempts()).containsOnly(delivery.accepted().get(0));
    }

    @Test
    void notificationServiceKeepsRetryingAfterTheRestart() {
        CrashedDelivery delivery = CRASHED_DELIVERY.get();

        assertThat(delivery.attempts().size()).isGreaterThan(delivery.attemptsBeforeRecovery());
    }

    @Test
    void notificationServiceRecordsTheDeliveryAsDelivered() {
        CrashedDelivery delivery = CRASHED_DELIVERY.get();

        assertThat(deliveryStatus(delivery.alert())).isEqualTo("DELIVERED");
    }

    /**
     * Anna and Boris on one team; Boris works a lead to conversion (deal-service opens the deal from the conversion
     * event), then has an open lead and an open task on the deal when he is dismissed with his cards transferred to
     * Anna.
     */
    private record Dismissal(
            UUID anna,
            UUID boris,
            String convertedLead,
            JsonPath dealsOfTheClient,
            String openLead,
            String task,
            String transfer) {

        /** The deal opened from the converted lead. */
        String deal() {
            return dealsOfTheClient.getString("items[0].id");
        }

        static Dismissal play() {
            String team = asHead(leadService())
                    .body(Map.of("name", "Inbound"))
                    .post("/api/v1/teams")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            UUID anna = UUID.randomUUID();
            hire(anna, "Anna Petrova", team);
            UUID boris = UUID.randomUUID();
            hire(boris, "Boris Ivanov", team);

            // Boris works a lead to conversion; deal-service opens the deal from the conversion event
            String converted = postLead(boris, "+7 912 100-00-01");
            convert(boris, converted);
            String client = asHead(leadService())
                    .get("/api/v1/leads/{id}", converted)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("clientId");
            JsonPath dealsOfTheClient = await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> dealsOfClient(client), deals -> deals.getInt("total") == 1);
            String deal = dealsOfTheClient.getString("items[0].id");

            // Boris also has an open lead and an open task on the deal when he leaves
            String openLead = postLead(boris, "+7 912 100-00-02");
            String task = openCallTask(boris, deal);

            String transfer = asHead(leadService())
                    .body(Map.of(
                            "cards",
                            "TRANSFER_TO_NAMED",
                            "toManagerIds",
                            List.of(anna.toString()),
                            "reason",
                            "left the company"))
                    .post("/api/v1/managers/{id}/dismissal", boris)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("transferId");
            return new Dismissal(anna, boris, converted, dealsOfTheClient, openLead, task, transfer);
        }

        /** The manager works their lead to QUALIFIED and converts it. */
        private static void convert(UUID manager, String lead) {
            RequestSpecification asManager =
                    leadService().auth().oauth2(stack.tokens().manager(TENANT, manager));
            for (String status : List.of("IN_WORK", "QUALIFIED")) {
                given().spec(asManager)
                        .contentType(ContentType.JSON)
                        .body(Map.of("status", status))
                        .post("/api/v1/leads/{id}/status", lead)
                        .then()
                        .statusCode(200);
            }
            given().spec(asManager)
                    .contentType(ContentType.JSON)
                    .body(Map.of("expectedAmount", 150000, "currency", "RUB"))
                    .post("/api/v1/leads/{id}/convert", lead)
                    .then()
                    .statusCode(200);
        }

        /** An open call task, due tomorrow, that the manager sets on the deal; its id. */
        private static String openCallTask(UUID manager, String deal) {
            return given().spec(dealService())
                    .auth()
                    .oauth2(stack.tokens().manager(TENANT, manager))
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "cardType",
                            "DEAL",
                            "cardId",
                            deal,
                            "type",
                            "CALL",
                            "title",
                            "Call about the offer",
                            "dueAt",
                            Instant.now().plus(Duration.ofDays(1)).toString()))
                    .post("/api/v1/tasks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }
    }

    /**
     * A webhook subscription whose receiver answers 503; an alert raised on Kafka; notification-service killed (kill
     * -9) and restarted once it has tried at least twice; then the receiver back up, and the delivery settled
     * (recorded DELIVERED). The receiver keeps listening until the class is done, so a late repeat would be counted.
     */
    private record CrashedDelivery(
            HttpServer receiver, UUID alert, List<String> attempts, List<String> accepted, int attemptsBeforeRecovery) {

        static CrashedDelivery play() throws Exception {
            List<String> attempts = new CopyOnWriteArrayList<>();
            List<String> accepted = new CopyOnWriteArrayList<>();
            AtomicBoolean receiverDown = new AtomicBoolean(true);
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            receiver.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                attempts.add(id);
                if (!receiverDown.get()) {
                    accepted.add(id);
                }
                exchange.sendResponseHeaders(receiverDown.get() ? 503 : 204, -1);
                exchange.close();
            });
            receiver.start();
            try {
                asHead(notificationService())
                        .body(Map.of(
                                "channel",
                                "WEBHOOK",
                                "webhookUrl",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                                "timeZone",
                                "Europe/Moscow",
                                "language",
                                "en"))
                        .post("/api/v1/subscriptions")
                        .then()
                        .statusCode(201);

                UUID alertId = UUID.randomUUID();
                raise(alertId);

                // the receiver is down: notification-service retries, then dies (kill -9) in the middle of its retries
                await().atMost(Duration.ofSeconds(30)).until(() -> attempts.size() >= 2);
                stack.killAndRestart("notification-service", Map.of());
                int attemptsBeforeRecovery = attempts.size();
                receiverDown.set(false);

                // the pending delivery survived the crash and arrives
                await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() == 1);
                // settled: the service has recorded the delivery DELIVERED, so no attempt is left that could repeat it
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> "DELIVERED".equals(deliveryStatus(alertId)));
                System.out.printf(
                        "[system-tests] webhook attempts before and after the crash: %d, delivered once%n",
                        attempts.size());
                return new CrashedDelivery(receiver, alertId, attempts, accepted, attemptsBeforeRecovery);
            } catch (Exception | Error e) {
                receiver.stop(0);
                throw e;
            }
        }

        /** Publishes an overdue-tasks alert for the tenant to alert-events, as analytics-service would. */
        private static void raise(UUID alertId) throws Exception {
            AlertRaised alert = new AlertRaised(
                    alertId,
                    AlertType.OVERDUE_TASKS,
                    "OVERDUE_TASKS:e2e:" + alertId,
                    null,
                    null,
                    "WARNING",
                    "7 overdue tasks",
                    "7 tasks are past due; the limit is 5.",
                    Map.of("overdueTasks", BigDecimal.valueOf(7)),
                    "/api/v1/metrics/forgotten-cards?drill=overdue",
                    Instant.now(),
                    null);
            byte[] record = new CloudEventCodec()
                    .encode(
                            new EventMetadata(
                                    UUID.randomUUID(),
                                    URI.create("/salespulse/analytics-service"),
                                    Instant.now(),
                                    TENANT,
                                    "system:analytics-service"),
                            alert);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                producer.send(new ProducerRecord<>(Topics.ALERT_EVENTS, alertId.toString(), record))
                        .get();
            }
        }
    }

    /**
     * A story played once, by the first rule that asks for it; if playing it failed, every later rule that asks fails
     * with that failure instead of playing it again.
     */
    private static final class Once<T> {

        private final Callable<T> story;
        private T played;
        private Throwable failure;

        Once(Callable<T> story) {
            this.story = story;
        }

        synchronized T get() {
            if (played == null && failure == null) {
                try {
                    played = story.call();
                } catch (Throwable e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new AssertionError("the story these rules look at could not be played", failure);
            }
            return played;
        }

        synchronized void ifPlayed(Consumer<T> then) {
            if (played != null) {
                then.accept(played);
            }
        }
    }

    private static void hire(UUID id, String name, String team) {
        asHead(leadService())
                .body(Map.of(
                        "id", id.toString(), "name", name, "teamId", team, "capacity", 20, "shifts", ALL_DAY_EVERY_DAY))
                .post("/api/v1/managers")
                .then()
                .statusCode(201);
    }

    private static String postLead(UUID manager, String phone) {
        return asHead(leadService())
                .body(Map.of("source", "call", "phone", phone, "managerId", manager.toString()))
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath dealsOfClient(String clientId) {
        return JsonPath.from(asHead(dealService())
                .queryParam("clientId", clientId)
                .get("/api/v1/deals")
                .asString());
    }

    /** The transfer as this service shows it, once it shows it {@code done} (waiting up to 20 s for that). */
    private static JsonPath transferAsShownBy(
            Supplier<RequestSpecification> service, String transfer, Predicate<JsonPath> done) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> JsonPath.from(asHead(service.get())
                                .get("/api/v1/transfers/{id}", transfer)
                                .asString()),
                        done);
    }

    private static String deliveryStatus(UUID alertId) {
        return JsonPath.from(asHead(notificationService())
                        .get("/api/v1/alerts/{id}/deliveries", alertId)
                        .asString())
                .getString("[0].status");
    }

    private static RequestSpecification asHead(RequestSpecification service) {
        return given().spec(service).auth().oauth2(stack.tokens().head(TENANT)).contentType(ContentType.JSON);
    }

    private static RequestSpecification leadService() {
        return given().baseUri(stack.service("lead-service").spec().url());
    }

    private static RequestSpecification notificationService() {
        return given().baseUri(stack.service("notification-service").spec().url());
    }

    private static RequestSpecification dealService() {
        return given().baseUri(stack.service("deal-service").spec().url());
    }
}
