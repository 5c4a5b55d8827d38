package com.salespulse.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.Topics;
import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite on real processes (docs/reliability.md): the packaged services, a real PostgreSQL and a real Kafka
 * broker; each case runs the tenant's traffic, injects its fault and checks exactly that nothing committed was lost
 * or doubled ({@link FaultCase}). Run with {@code ./mvnw -B -P faults verify -pl system-tests -am}.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static LocalStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = FaultStack.get();
    }

    @AfterAll
    static void printTheTable() {
        String table = FaultCase.table();
        System.out.println("[faults] the run's table\n" + table);
        FaultCase.writeTable(Path.of(System.getProperty("salespulse.log-dir")).resolveSibling("fault-report.md"));
    }

    /** T1: the relay's process killed (kill -9) while its outbox holds unpublished rows, three times. */
    @Test
    @Order(1)
    void t1RelayKilledMidBatchLosesAndDoublesNothing() throws Exception {
        FaultCase.play(stack, "T1 relay killed mid-batch x3", traffic -> {
            for (String service : List.of("lead-service", "deal-service", "lead-service")) {
                long pending = awaitUnpublishedRows(service.equals("lead-service") ? "lead" : "deal");
                stack.killAndRestart(service, Map.of());
                System.out.printf("[faults] T1: %s killed with %d outbox rows unpublished%n", service, pending);
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /** T4: PostgreSQL stopped for 60 s under load, then started again with its data. */
    @Test
    @Order(2)
    void t4DatabaseStoppedForAMinuteLosesAndDoublesNothing() throws Exception {
        FaultCase.play(stack, "T4 PostgreSQL stopped 60 s", traffic -> {
            stack.stopPostgres();
            try {
                LockSupport.parkNanos(Duration.ofSeconds(60).toNanos());
            } finally {
                stack.startPostgres();
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /**
     * T4b: one service's database at a time refuses connections for 20 s (its open sessions terminated), the others
     * untouched: lead's, deal's, analytics' and notification's in turn. While deal's, analytics' or notification's
     * database is away, lead-service keeps taking the traffic; while lead's is away, it answers 503 with Retry-After
     * and the other services stay ready. Each one catches up when its database is back.
     */
    @Test
    @Order(12)
    void t4EachServicesDatabaseAloneAwayLosesAndDoublesNothing() throws Exception {
        Databases db = new Databases(stack);
        FaultCase.play(stack, "T4b each service's database away 20 s in turn", traffic -> {
            for (String database : List.of("lead", "deal", "analytics", "notification")) {
                long committedBefore = traffic.ledger().operationsCommitted();
                db.refuseConnections(database);
                try {
                    LockSupport.parkNanos(Duration.ofSeconds(20).toNanos());
                    List<String> othersNotReady = stack.services().stream()
                            .filter(service -> !service.spec().database().equals(database))
                            .filter(service -> !ready(service))
                            .map(service -> service.spec().name())
                            .toList();
                    long committed = traffic.ledger().operationsCommitted() - committedBefore;
                    System.out.printf(
                            "[faults] T4b: %s away 20 s: %d operations committed meanwhile, not ready: %s%n",
                            database, committed, othersNotReady);
                    assertThat(othersNotReady)
                            .as("services not ready while only " + database + "'s database is away")
                            .isEmpty();
                    if (!database.equals("lead")) {
                        assertThat(committed)
                                .as("lead-service takes the traffic while " + database + "'s database is away")
                                .isPositive();
                    }
                } finally {
                    db.allowConnections(database);
                }
                // the next database goes away only once every service is ready again: a consumer that waited for
                // this database retries after its back-off, and "the others stay ready" is about one outage at a time
                long back = System.nanoTime();
                List<String> notReady = notReady(stack);
                while (!notReady.isEmpty()
                        && System.nanoTime() - back < Duration.ofSeconds(90).toNanos()) {
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                    notReady = notReady(stack);
                }
                System.out.printf(
                        "[faults] T4b: %s back: every service ready after %d ms%n",
                        database, Duration.ofNanos(System.nanoTime() - back).toMillis());
                assertThat(notReady)
                        .as("services still not ready 90 s after " + database + "'s database came back")
                        .isEmpty();
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /** T3: the broker hard-stopped and started again three times under load, 10 s down each time. */
    @Test
    @Order(3)
    void t3BrokerRestartedThreeTimesLosesAndDoublesNothing() throws Exception {
        FaultCase.play(stack, "T3 broker stopped 3 x 10 s", traffic -> {
            for (int i = 0; i < 3; i++) {
                stack.stopKafka();
                try {
                    LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
                } finally {
                    stack.startKafka();
                }
                LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /**
     * T5: three poison records mixed into lead-events under the keys of three of the tenant's leads; those, and only
     * those, end in the dead-letter topics of lead-events' two consumers (deal-service, analytics), each once.
     */
    @Test
    @Order(4)
    void t5PoisonRecordsAndOnlyThoseAreDeadLettered() throws Exception {
        FaultCase.play(stack, "T5 poison records x3", traffic -> {
            List<String> keys = traffic.ledger().leads().keySet().stream()
                    .limit(3)
                    .map(UUID::toString)
                    .sorted()
                    .toList();
            assertThat(keys).hasSize(3);
            Poison.malformed(stack, keys.get(0));
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            Poison.unknownType(stack, traffic.tenant(), keys.get(1));
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            Poison.refusedByTheContract(stack, traffic.tenant(), keys.get(2));
            return Map.of(Topics.DEAL_DEAD_LETTER, keys, Topics.ANALYTICS_DEAD_LETTER, keys);
        });
    }

    /**
     * T2: a consumer killed (kill -9) right after it committed a batch to its database, before the throttled offset
     * commit: analytics-service, then deal-service. The restarted consumer reads the batch again and applies nothing
     * twice; analytics counts what it skipped as duplicates.
     */
    @Test
    @Order(5)
    void t2ConsumerKilledBetweenDatabaseAndOffsetCommitAppliesNothingTwice() throws Exception {
        FaultCase.play(stack, "T2 consumer killed after its commit x2", traffic -> {
            killRightAfterACommit("analytics-service", "analytics", "select count(*) from applied_event");
            killRightAfterACommit("deal-service", "deal", "select count(*) from consumed_event");
            return FaultCase.NO_DEAD_LETTERS;
        });
        assertThat(consumedCounter("analytics-service", "duplicate"))
                .as("the restarted analytics read again what it had applied before the kill")
                .isPositive();
    }

    /**
     * T6: a second instance of deal-service and of analytics-service on the same database and consumer groups; the
     * first instance killed (kill -9), the second carries on alone, then the first is back and the second killed.
     */
    @Test
    @Order(6)
    void t6TwoInstancesEachKilledInTurnLoseAndDoubleNothing() throws Exception {
        FaultCase.play(stack, "T6 two instances, each killed", traffic -> {
            List<ServiceProcess> seconds = new java.util.ArrayList<>();
            try {
                for (String service : List.of("deal-service", "analytics-service")) {
                    seconds.add(stack.startSecondInstance(service, Map.of()));
                }
                LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                for (String service : List.of("deal-service", "analytics-service")) {
                    stack.service(service).kill();
                }
                LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
                for (String service : List.of("deal-service", "analytics-service")) {
                    stack.killAndRestart(service, Map.of());
                }
            } finally {
                seconds.forEach(ServiceProcess::kill);
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /**
     * T7: the read model rebuilt from the topics while the traffic runs, with PostgreSQL stopped for 10 s as soon as
     * the rebuild has begun (after the other cases the topics hold some 15 000 records, so the blip meets it; alone,
     * the rebuild may be done first, and the states printed say which). A rebuild the blip stopped must say FAILED
     * (never skip an event and swap) and is started again; the rebuilt generation then goes live and holds exactly
     * what the services committed.
     */
    @Test
    @Order(7)
    void t7RebuildDuringTrafficAndADatabaseBlipEqualsTheLiveModel() throws Exception {
        Databases db = new Databases(stack);
        long liveBefore = db.count("analytics", "select live_gen from read_model_generation");
        List<String> states = new java.util.ArrayList<>();
        FaultCase.play(stack, "T7 rebuild with a 10 s database blip", traffic -> {
            rebuild("POST");
            stack.stopPostgres();
            try {
                LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
            } finally {
                stack.startPostgres();
            }
            String state = awaitRebuildEnd();
            states.add(state);
            if (state.equals("FAILED")) {
                rebuild("POST");
                states.add(awaitRebuildEnd());
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
        System.out.println("[faults] T7: rebuild states " + states);
        assertThat(states).last().isEqualTo("DONE");
        assertThat(db.count("analytics", "select live_gen from read_model_generation"))
                .as("the rebuilt generation is live")
                .isNotEqualTo(liveBefore);
    }

    /**
     * T8a: 200 ms added each way (so 400 ms a round trip) on every connection of the services to PostgreSQL and to
     * Kafka, for 20 s under load: slower answers, nothing lost.
     */
    @Test
    @Order(8)
    void t8LatencyToDatabaseAndBrokerLosesAndDoublesNothing() throws Exception {
        FaultCase.play(stack, "T8a 200 ms each way to PostgreSQL and Kafka, 20 s", traffic -> {
            proxies().forEach(proxy -> proxy.latency(Duration.ofMillis(200)));
            try {
                LockSupport.parkNanos(Duration.ofSeconds(20).toNanos());
            } finally {
                proxies().forEach(TcpProxy::restore);
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /**
     * T8b: every connection of the services to PostgreSQL and to Kafka cut at once (reset), new ones refused for
     * 10 s, then accepted again: every pool and client reconnects by itself.
     */
    @Test
    @Order(9)
    void t8ConnectionsCutLoseAndDoubleNothing() throws Exception {
        FaultCase.play(stack, "T8b connections cut, refused 10 s", traffic -> {
            for (TcpProxy proxy : proxies()) {
                System.out.printf("[faults] T8b: %s: %d connections cut%n", proxy, proxy.cut());
            }
            try {
                LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
            } finally {
                proxies().forEach(TcpProxy::restore);
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /**
     * T8c: every connection of the services to PostgreSQL and Kafka held half-open for 20 s (open, nothing
     * delivered, no close passed on), new ones too; then new connections work again while the frozen ones stay
     * frozen for good: each client must give up on a dead connection by its own timeout (docs/reliability.md).
     */
    @Test
    @Order(10)
    void t8HalfOpenConnectionsLoseAndDoubleNothing() throws Exception {
        FaultCase.play(stack, "T8c half-open 20 s, frozen for good", traffic -> {
            for (TcpProxy proxy : proxies()) {
                System.out.printf("[faults] T8c: %s: %d connections frozen%n", proxy, proxy.halfOpen());
            }
            try {
                LockSupport.parkNanos(Duration.ofSeconds(20).toNanos());
            } finally {
                proxies().forEach(TcpProxy::restore);
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
        for (TcpProxy proxy : proxies()) {
            System.out.printf("[faults] T8c: %s: %d connections open after settling%n", proxy, proxy.open());
        }
    }

    /**
     * T9: one tenant's webhook receiver down, slow, then failing while two other tenants' receivers are well; the
     * others' alerts are never held up by it, and every alert reaches its receiver exactly once
     * ({@link ReceiverFaultCase}).
     */
    @Test
    @Order(11)
    void t9OneTenantsBadReceiverHoldsUpNoOtherTenantAndGetsEachAlertOnce() throws Exception {
        ReceiverFaultCase.Figures figures = ReceiverFaultCase.play(stack);
        String row = ReceiverFaultCase.row(figures);
        System.out.println("[faults] " + row);
        FaultCase.note(row);
    }

    /** Whether the service's readiness answers UP. */
    private static List<String> notReady(LocalStack stack) {
        return stack.services().stream()
                .filter(service -> !ready(service))
                .map(service -> service.spec().name())
                .toList();
    }

    private static boolean ready(ServiceProcess service) {
        try {
            return HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(service.spec().managementUrl() + "/q/health/ready"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<TcpProxy> proxies() {
        return List.of(FaultStack.proxy("postgres"), FaultStack.proxy("kafka"));
    }

    private static String rebuild(String method) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stack.service("analytics-service")
                                                .spec()
                                                .url() + "/api/v1/read-model/rebuild"))
                                .header(
                                        "Authorization",
                                        "Bearer " + stack.tokens().ops())
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
                .as(method + " rebuild: " + answer.body())
                .isBetween(200, 299);
        return io.restassured.path.json.JsonPath.from(answer.body()).getString("state");
    }

    /** Polls the rebuild's progress (up to 3 min) until it is DONE or FAILED; that state. */
    private static String awaitRebuildEnd() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String state = rebuild("GET");
                if (state.equals("DONE") || state.equals("FAILED")) {
                    return state;
                }
            } catch (java.io.IOException | AssertionError notAnsweringYet) {
                // analytics waits for its database after the blip
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new AssertionError("the rebuild did not end within 3 min");
    }

    /**
     * Kills the service (kill -9) the moment its consumed-event log grows, i.e. right after a consumer transaction
     * committed and well inside the interval of the throttled offset commit; then starts it again.
     */
    private static void killRightAfterACommit(String service, String database, String countSql) {
        Databases db = new Databases(stack);
        long before = db.count(database, countSql);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (db.count(database, countSql) == before) {
            assertThat(System.nanoTime()).as(service + " applied something").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        stack.killAndRestart(service, Map.of());
    }

    /** A service's salespulse_events_consumed_total for an outcome, summed over topics. */
    private static double consumedCounter(String service, String outcome) throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(stack.service(service).spec().managementUrl() + "/q/metrics"))
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

    /**
     * Polls (up to 20 s) until the service's outbox holds rows not yet published, i.e. the relay is mid-batch; the
     * count seen.
     */
    private static long awaitUnpublishedRows(String database) {
        Databases db = new Databases(stack);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long pending;
        while ((pending = db.count(database, "select count(*) from outbox_event where published_at is null")) == 0
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        return pending;
    }
}
