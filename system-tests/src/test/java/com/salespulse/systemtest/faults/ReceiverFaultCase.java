package com.salespulse.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertType;
import com.salespulse.localstack.LocalStack;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * T9: webhook subscriptions of three tenants, each with its own receiver; the first tenant's receiver is down (its
 * port closed), then slow (each answer after 4 s), then failing (500), then well again, 20 s each, while an alert
 * for each tenant's managers is raised every 2 s (on the alert topic, as analytics raises it; the managers are real,
 * hired through lead-service, so notification's roster replica holds them). The other tenants' alerts must be
 * delivered within the webhook timeout all along, i.e. never wait for the bad receiver; after the bad receiver is
 * well again every alert of every tenant has been answered 2xx exactly once, under one delivery id.
 */
final class ReceiverFaultCase {

    /** Figures of the run. */
    record Figures(
            int alertsPerTenant,
            int badRequests,
            int badFailedAnswers,
            Duration slowestOtherTenantAlert,
            Duration badRecovered,
            long delivered) {}

    private static final Duration PHASE = Duration.ofSeconds(20);
    private static final Duration EVERY = Duration.ofSeconds(2);
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(4);
    /** notification-service's webhook timeout (its default): a healthy tenant's alert must never wait that long. */
    private static final Duration OTHERS_BOUND = Duration.ofSeconds(10);

    private static final Duration DRAIN_BOUND = Duration.ofSeconds(180);
    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalStack stack;
    private final Map<UUID, Instant> raisedAt = new ConcurrentHashMap<>();
    private final Map<String, List<UUID>> alertsOf = new ConcurrentHashMap<>();

    private ReceiverFaultCase(LocalStack stack) {
        this.stack = stack;
    }

    static Figures play(LocalStack stack) throws Exception {
        return new ReceiverFaultCase(stack).run();
    }

    private Figures run() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tenants = List.of("t9-bad-" + run, "t9-fine-a-" + run, "t9-fine-b-" + run);
        String badTenant = tenants.get(0);
        Map<String, SalesTraffic> traffic = new LinkedHashMap<>();
        Map<String, WebhookReceiver> receivers = new LinkedHashMap<>();
        Instant badWell;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String tenant : tenants) {
                traffic.put(tenant, SalesTraffic.start(stack, tenant, 1, Duration.ofMillis(200)));
                receivers.put(tenant, new WebhookReceiver());
                alertsOf.put(tenant, new java.util.concurrent.CopyOnWriteArrayList<>());
            }
            for (String tenant : tenants) {
                subscribe(tenant, traffic.get(tenant).managers(), receivers.get(tenant));
            }
            WebhookReceiver bad = receivers.get(badTenant);
            bad.down();
            raiseFor(PHASE, tenants, traffic, producer);
            bad.up();
            bad.slow(SLOW_ANSWER);
            raiseFor(PHASE, tenants, traffic, producer);
            bad.failing();
            raiseFor(PHASE, tenants, traffic, producer);
            bad.up();
            badWell = Instant.now();
        } finally {
            traffic.values().forEach(SalesTraffic::stop);
        }
        try {
            awaitEveryAlertAnswered(tenants, receivers);
            awaitNothingPending(tenants);
            return check(tenants, receivers, badTenant, badWell);
        } finally {
            receivers.values().forEach(WebhookReceiver::close);
        }
    }

    private Figures check(
            List<String> tenants, Map<String, WebhookReceiver> receivers, String badTenant, Instant badWell) {
        Duration slowestOther = Duration.ZERO;
        for (String tenant : tenants) {
            List<WebhookReceiver.Received> requests = receivers.get(tenant).requests();
            Map<String, List<WebhookReceiver.Received>> accepted = requests.stream()
                    .filter(r -> r.answered() < 300)
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::alertId));
            List<String> sent =
                    alertsOf.get(tenant).stream().map(UUID::toString).sorted().toList();
            assertThat(accepted.keySet().stream().sorted().toList())
                    .as(tenant + ": the alerts its receiver accepted")
                    .isEqualTo(sent);
            assertThat(accepted.values().stream()
                            .filter(list -> list.size() != 1)
                            .toList())
                    .as(tenant + ": alerts accepted more than once")
                    .isEmpty();
            Map<String, java.util.Set<String>> ids = requests.stream()
                    .collect(Collectors.groupingBy(
                            WebhookReceiver.Received::alertId,
                            Collectors.mapping(WebhookReceiver.Received::webhookId, Collectors.toSet())));
            assertThat(ids.values().stream().filter(set -> set.size() != 1).toList())
                    .as(tenant + ": alerts sent under more than one delivery id")
                    .isEmpty();
            if (!tenant.equals(badTenant)) {
                for (var entry : accepted.entrySet()) {
                    Duration took = Duration.between(
                            raisedAt.get(UUID.fromString(entry.getKey())),
                            entry.getValue().get(0).at());
                    slowestOther = took.compareTo(slowestOther) > 0 ? took : slowestOther;
                }
                assertThat(requests)
                        .as(tenant + ": every request answered 2xx, none repeated")
                        .hasSize(sent.size());
            }
        }
        assertThat(slowestOther)
                .as("the slowest alert of the tenants whose receivers were well")
                .isLessThan(OTHERS_BOUND);
        Databases db = new Databases(stack);
        long notDelivered = db.count(
                "notification",
                "select count(*) from delivery where tenant_id = any(?) and status <> 'DELIVERED'",
                (Object) tenants.toArray(String[]::new));
        assertThat(notDelivered)
                .as("deliveries of the three tenants not DELIVERED")
                .isZero();
        List<WebhookReceiver.Received> badRequests = receivers.get(badTenant).requests();
        Instant lastBad = badRequests.stream()
                .filter(r -> r.answered() < 300)
                .map(WebhookReceiver.Received::at)
                .max(Instant::compareTo)
                .orElseThrow();
        return new Figures(
                alertsOf.get(badTenant).size(),
                badRequests.size(),
                (int) badRequests.stream().filter(r -> r.answered() >= 300).count(),
                slowestOther,
                Duration.between(badWell, lastBad).isNegative() ? Duration.ZERO : Duration.between(badWell, lastBad),
                db.count("notification", "select count(*) from delivery where tenant_id = any(?)", (Object)
                        tenants.toArray(String[]::new)));
    }

    /** Raises an alert for each tenant every 2 s for {@code phase}. */
    private void raiseFor(
            Duration phase,
            List<String> tenants,
            Map<String, SalesTraffic> traffic,
            KafkaProducer<String, byte[]> producer)
            throws Exception {
        long end = System.nanoTime() + phase.toNanos();
        while (System.nanoTime() < end) {
            for (String tenant : tenants) {
                List<UUID> managers = traffic.get(tenant).managers();
                raise(producer, tenant, managers.get(ThreadLocalRandom.current().nextInt(managers.size())));
            }
            LockSupport.parkNanos(EVERY.toNanos());
        }
    }

    private void raise(KafkaProducer<String, byte[]> producer, String tenant, UUID manager) throws Exception {
        UUID alertId = UUID.randomUUID();
        Instant now = Instant.now();
        AlertRaised alert = new AlertRaised(
                alertId,
                AlertType.OVERDUE_TASKS,
                // a condition of its own each time, so the cooldown holds none of them back
                "OVERDUE_TASKS:manager:" + manager + ":" + alertId,
                manager,
                null,
                "WARNING",
                "7 overdue tasks",
                "7 tasks are past their due date; the limit is 5.",
                Map.of("overdueTasks", new BigDecimal("7"), "limit", new BigDecimal("5")),
                "/api/v1/metrics/overdue-tasks?managerId=" + manager,
                now,
                "Manager " + manager.toString().substring(0, 6));
        byte[] record = CODEC.encode(
                new EventMetadata(
                        UUID.randomUUID(),
                        URI.create("/salespulse/analytics-service"),
                        now,
                        tenant,
                        "system:analytics-service"),
                alert);
        producer.send(new ProducerRecord<>(Topics.ALERT_EVENTS, alertId.toString(), record))
                .get();
        raisedAt.put(alertId, now);
        alertsOf.get(tenant).add(alertId);
    }

    /** Subscribes the tenant's head to its managers' alerts on the receiver, once the roster replica holds them. */
    private void subscribe(String tenant, List<UUID> managers, WebhookReceiver receiver) throws Exception {
        String body = "{\"channel\":\"WEBHOOK\",\"webhookUrl\":\"" + receiver.url() + "\",\"timeZone\":\"UTC\","
                + "\"managerIds\":["
                + managers.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(","))
                + "]}";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> answer;
        do {
            answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    stack.service("notification-service").spec().url() + "/api/v1/subscriptions"))
                            .header("Authorization", "Bearer " + stack.tokens().head(tenant))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 201) {
                return;
            }
            // 400 while notification's roster replica does not know the managers yet
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("cannot subscribe " + tenant + ": " + answer.statusCode() + " " + answer.body());
    }

    /** Drain: until each tenant's receiver has accepted every alert raised for it (bounded). */
    private void awaitEveryAlertAnswered(List<String> tenants, Map<String, WebhookReceiver> receivers) {
        long deadline = System.nanoTime() + DRAIN_BOUND.toNanos();
        for (String tenant : tenants) {
            java.util.Set<String> wanted =
                    alertsOf.get(tenant).stream().map(UUID::toString).collect(Collectors.toSet());
            while (!receivers.get(tenant).requests().stream()
                    .filter(r -> r.answered() < 300)
                    .map(WebhookReceiver.Received::alertId)
                    .collect(Collectors.toSet())
                    .containsAll(wanted)) {
                assertThat(System.nanoTime())
                        .as(tenant + ": every alert accepted by its receiver in time")
                        .isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    /** Then: until notification holds no delivery of the three tenants still pending (bounded), so counts are final. */
    private void awaitNothingPending(List<String> tenants) {
        Databases db = new Databases(stack);
        long deadline = System.nanoTime() + DRAIN_BOUND.toNanos();
        while (db.count(
                        "notification",
                        "select count(*) from delivery where tenant_id = any(?) and status = 'PENDING'",
                        (Object) tenants.toArray(String[]::new))
                > 0) {
            assertThat(System.nanoTime()).as("no delivery pending in time").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    static String row(Figures f) {
        return String.format(
                "| T9 one tenant's receiver down, slow (4 s), failing (500), 20 s each; 2 other tenants | %d alerts"
                        + " a tenant | bad receiver: %d requests, %d answered 500 | slowest other-tenant alert"
                        + " %.1f s | bad tenant's last alert %.1f s after it was well | %d deliveries, all"
                        + " DELIVERED, each accepted once |",
                f.alertsPerTenant(),
                f.badRequests(),
                f.badFailedAnswers(),
                f.slowestOtherTenantAlert().toMillis() / 1000.0,
                f.badRecovered().toMillis() / 1000.0,
                f.delivered());
    }
}
