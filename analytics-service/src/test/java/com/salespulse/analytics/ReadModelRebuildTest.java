package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.analytics.replay.ReadModelRebuild;
import com.salespulse.analytics.replay.RebuildProgress;
import com.salespulse.analytics.replay.RebuildStore;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.Topics;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.security.ActingScope;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rebuilding the read model from the topics, while it keeps answering, gives the same figures as the live one; its
 * state is in the database, one runs at a time, and it fails rather than build from a partial or refused history.
 * <p>
 * It runs on a broker of its own ({@link OwnBroker}): other tests park events the model refuses on the shared topics,
 * which would fail every rebuild, and its last tests delete records, which fails every later one. The tests that
 * spoil the topics run last.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestProfile(ReadModelRebuildTest.OwnBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelRebuildTest {

    /**
     * A profile of its own, so Quarkus starts this class with a fresh broker and database; batches of three records,
     * so every rebuild here applies many batches, each read and decoded while the one before it is applied.
     */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("salespulse.rebuild.batch-size", "3");
        }
    }

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    TestClock clock;

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    ActingScope acting;

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();
    private static final UUID TEAM_1 = UUID.randomUUID();
    private static final UUID TEAM_2 = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    @Order(1)
    void aRebuiltReadModelAnswersExactlyAsTheLiveOneAndKeepsApplyingNewEvents() {
        String tenant = TestTenants.fresh();
        publish(
                LeadInflowTest.leadCreated(tenant, "website", ANNA, "2026-11-02T06:00:00Z"),
                LeadInflowTest.leadCreated(tenant, "website", ANNA, "2026-11-03T06:00:00Z"),
                LeadInflowTest.leadCreated(tenant, "call", BORIS, "2026-11-10T06:00:00Z"),
                LeadInflowTest.leadCreated(tenant, "call", null, "2026-11-20T06:00:00Z"),
                "not an event".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> leadInflow(tenant, "day").getLong("figures.total") == 4);
        String liveByDay = leadInflow(tenant, "day").prettify();
        String liveByWeek = leadInflow(tenant, "week").prettify();
        String liveAnna = given().auth()
                .oauth2(TestTokens.manager(tenant, ANNA))
                .queryParam("month", "2026-11")
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        JsonPath started = given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .post("/api/v1/read-model/rebuild")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
        int generation = started.getInt("generation");
        assertThat(generation).isEqualTo(started.getInt("replacedGeneration") + 1);
        // just started: no percent until the topics' totals are read (never 100 of an unknown total)
        if ((Object) started.get("eventsTotal") == null) {
            assertThat((Object) started.get("percent")).isNull();
        } else {
            assertThat(started.getLong("eventsTotal")).isPositive();
        }
        // the model keeps answering while it is rebuilt
        assertThat(leadInflow(tenant, "day").getLong("figures.total")).isEqualTo(4);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !"RUNNING".equals(progress().getString("state"))
                        && !"SWAPPING".equals(progress().getString("state")));
        JsonPath done = progress();
        assertThat(done.getString("state")).isEqualTo("DONE");
        assertThat(done.getFloat("percent")).isEqualTo(100f);
        assertThat(done.getLong("eventsRead")).isGreaterThanOrEqualTo(done.getLong("eventsTotal"));
        assertThat(done.getLong("eventsApplied")).isGreaterThanOrEqualTo(4);
        assertThat(done.getLong("eventsSkipped")).isGreaterThanOrEqualTo(1); // at least the malformed record

        // every answer of the rebuilt model equals the live one, drill-down and asOf included
        assertThat(leadInflow(tenant, "day").prettify()).isEqualTo(liveByDay);
        assertThat(leadInflow(tenant, "week").prettify()).isEqualTo(liveByWeek);
        assertThat(given().auth()
                        .oauth2(TestTokens.manager(tenant, ANNA))
                        .queryParam("month", "2026-11")
                        .when()
                        .get("/api/v1/metrics/lead-inflow")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(liveAnna);

        // a second rebuild while none runs is allowed; a new event after the swap counts exactly once
        publish(LeadInflowTest.leadCreated(tenant, "call", BORIS, "2026-11-21T06:00:00Z"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> leadInflow(tenant, "day").getLong("figures.total") == 5);
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(leadInflow(tenant, "day").getLong("figures.total")).isEqualTo(5);
    }

    @Test
    @Order(2)
    void aManagerMayNotRebuildAndAnIntegratorMayNotSeeProgress() {
        given().auth()
                .oauth2(TestTokens.manager("demo", ANNA))
                .when()
                .post("/api/v1/read-model/rebuild")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.integrator("demo"))
                .when()
                .get("/api/v1/read-model/rebuild")
                .then()
                .statusCode(403);
    }

    /** Every metric endpoint, asked as the head with the parameters a user would pass, in a fixed order. */
    private static final List<String[]> EVERY_METRIC = List.of(
            new String[] {"lead-inflow", "month", "2026-11", "groupBy", "day"},
            new String[] {"rejected-leads", "month", "2026-11"},
            new String[] {"manager-load"},
            new String[] {"average-check", "month", "2026-11"},
            new String[] {"average-check", "month", "2026-11", "teamId", TEAM_1.toString()},
            new String[] {"average-check", "month", "2026-11", "teamId", TEAM_2.toString()},
            new String[] {"deal-cycle", "month", "2026-11"},
            new String[] {"seasonality", "month", "2026-11", "years", "2"},
            new String[] {"repeat-sales", "month", "2026-11"},
            new String[] {"repeat-sales", "month", "2026-11", "teamId", TEAM_2.toString()},
            new String[] {"popular-products", "month", "2026-11"},
            new String[] {"plan-forecast", "month", "2026-11"},
            new String[] {"base-burnout", "month", "2026-11"},
            new String[] {"base-burnout", "month", "2026-11", "teamId", TEAM_1.toString()},
            new String[] {"forgotten-cards"},
            new String[] {"forgotten-cards", "figure", "overdueTasks"},
            new String[] {"dismissed-base", "month", "2026-11"},
            new String[] {"dismissed-base", "month", "2026-11", "figure", "baseline"},
            new String[] {"pipeline-change", "month", "2026-11", "groupBy", "manager"},
            new String[] {"pipeline-change", "month", "2026-11", "groupBy", "stage", "teamId", TEAM_2.toString()},
            new String[] {"pipeline-change", "month", "2026-11", "figure", "won"});

    @Test
    @Order(3)
    void everyMetricAnswersTheSameAfterARebuildOfARichScenario() {
        // "now" is fixed for the whole comparison: forgotten, overdue and idle ages are measured at it
        clock.set(Instant.parse("2026-11-20T12:00:00Z"));
        try {
            DealEvents deals = new DealEvents(kafka);
            publishRichScenario(deals);
            // wait until the last event of each topic is applied and the answers stop changing
            Map<String, String> live = awaitStableAnswers(deals.tenant);
            assertThat(live.get("dismissed-base month 2026-11")).contains("\"cards\"");
            assertThat(live.get("lead-inflow month 2026-11 groupBy day")).contains("09:00–18:00", "11:00–20:00");

            given().auth()
                    .oauth2(TestTokens.ops())
                    .when()
                    .post("/api/v1/read-model/rebuild")
                    .then()
                    .statusCode(202);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> !"RUNNING".equals(progress().getString("state"))
                            && !"SWAPPING".equals(progress().getString("state")));
            assertThat(progress().getString("state")).isEqualTo("DONE");

            Map<String, String> rebuilt = answers(deals.tenant);
            for (String metric : live.keySet()) {
                assertThat(rebuilt.get(metric)).as(metric).isEqualTo(live.get(metric));
            }
        } finally {
            clock.reset();
        }
    }

    @Test
    @Order(4)
    void everyInstanceReadsTheProgressFromTheDatabaseAndOnlyOneRebuildRunsAtATime() throws Exception {
        String tenant = TestTenants.fresh();
        publish(LeadInflowTest.leadCreated(tenant, "website", ANNA, "2026-11-02T06:00:00Z"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> leadInflow(tenant, "day").getLong("figures.total") == 1);
        // another instance runs a rebuild: its row, with a fresh heartbeat, is all this instance knows of it
        UUID other = UUID.randomUUID();
        sql(
                "insert into read_model_rebuild (id, scope, state, generation, replaced_generation, requested_by, "
                        + "instance, started_at, heartbeat_at, events_read, events_total, positions, end_offsets) "
                        + "values (?, 'ALL_TENANTS', 'RUNNING', 98, 97, 'user:ops-elsewhere', 'analytics-2', now(), now(), "
                        + "5, 20, '{\"lead-events-0\": 5}', '{\"lead-events-0\": 20}')",
                other);
        JsonPath seen = progress();
        assertThat(seen.getString("state")).isEqualTo("RUNNING");
        assertThat(seen.getString("instance")).isEqualTo("analytics-2");
        assertThat(seen.getFloat("percent")).isEqualTo(25f);
        assertThat(seen.getLong("positions.'lead-events-0'")).isEqualTo(5);

        // a second start while it runs is refused
        given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .post("/api/v1/read-model/rebuild")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("analytics-2"));

        // that instance died: once its heartbeat is older than the stale timeout, a new start takes over
        sql("update read_model_rebuild set heartbeat_at = now() - interval '10 minutes' where id = ?", other);
        JsonPath started = given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .post("/api/v1/read-model/rebuild")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
        assertThat(started.getString("requestedBy")).startsWith("user:");
        assertThat(started.getString("id")).isNotEqualTo(other.toString());
        assertThat(state(other)).isEqualTo("FAILED");

        awaitFinished();
        JsonPath done = progress();
        assertThat(done.getString("state")).isEqualTo("DONE");
        assertThat(done.getString("id")).isEqualTo(started.getString("id"));
        Map<String, Object> ends = done.getMap("endOffsets");
        assertThat(ends).containsKey(Topics.LEAD_EVENTS + "-0");
        Map<String, Object> positions = done.getMap("positions");
        for (var end : ends.entrySet()) {
            assertThat(((Number) positions.get(end.getKey())).longValue())
                    .as(end.getKey())
                    .isGreaterThanOrEqualTo(((Number) end.getValue()).longValue());
        }

        // a second reader that knows only the table (as another instance would) sees the same rebuild
        RebuildProgress fromTable = new RebuildStore(dataSource).latest(null);
        assertThat(fromTable.id()).hasToString(done.getString("id"));
        assertThat(fromTable.state()).isEqualTo(RebuildProgress.State.DONE);
        assertThat(fromTable.eventsRead()).isEqualTo(done.getLong("eventsRead"));
        assertThat(fromTable.positions()).hasSameSizeAs(positions);
        assertThat(leadInflow(tenant, "day").getLong("figures.total")).isEqualTo(1);
    }

    /**
     * Two tenants' histories (merges, a transfer, a dismissal, a team change, tasks and calls under their own keys)
     * interleaved on the topics, keyed as the outbox relay keys them: a rebuild with three appliers side by side, each
     * its own share of the partitions, leaves every read-model table of both tenants as a rebuild with one applier
     * does.
     */
    @Test
    @Order(5)
    void aRebuildWithThreeAppliersSideBySideEqualsOneWithASingleApplier() throws Exception {
        clock.set(SalesHistory.NOW);
        try {
            List<String> tenants = List.of(TestTenants.fresh(), TestTenants.fresh());
            List<SalesHistory.Event> history = SalesHistory.generate(16).inTimeOrder();
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (SalesHistory.Event event : history) {
                for (String tenant : tenants) {
                    records.add(new ProducerRecord<>(
                            EventType.of(event.data()).topic(),
                            null,
                            event.data().aggregateId().toString(),
                            new CloudEventCodec()
                                    .encode(
                                            new EventMetadata(
                                                    UUID.randomUUID(),
                                                    URI.create("/test"),
                                                    event.at(),
                                                    tenant,
                                                    "user:history"),
                                            event.data()),
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))));
                }
            }
            long appliedBefore = liveApplied();
            // one producer for all of them, in order per key (the companion's produce took minutes for these)
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                records.forEach(producer::send);
                producer.flush();
            }

            // the live consumer first, so that the two rebuilds run alike (neither beside the live apply)
            await().atMost(Duration.ofSeconds(180)).until(() -> liveApplied() >= appliedBefore + records.size());
            rebuildWith(1);
            Map<String, List<String>> serial = rowsOf(tenants);
            assertThat(serial.get("deal_fact|" + tenants.get(0))).hasSizeGreaterThan(50);
            assertThat(serial.get("task_fact|" + tenants.get(1))).isNotEmpty();

            JsonPath sideBySide = rebuildWith(3);
            assertThat(sideBySide.getInt("appliers")).isEqualTo(3);
            Map<String, Object> ends = sideBySide.getMap("endOffsets");
            Map<String, Object> positions = sideBySide.getMap("positions");
            assertThat(positions.keySet()).isEqualTo(ends.keySet()).hasSizeGreaterThanOrEqualTo(3);
            for (var end : ends.entrySet()) {
                assertThat(((Number) positions.get(end.getKey())).longValue())
                        .as("every partition reached its end before the swap: " + end.getKey())
                        .isGreaterThanOrEqualTo(((Number) end.getValue()).longValue());
            }
            Map<String, List<String>> parallel = rowsOf(tenants);
            for (String table : serial.keySet()) {
                assertThat(parallel.get(table)).as(table).isEqualTo(serial.get(table));
            }
        } finally {
            clock.reset();
        }
    }

    /** Runs a rebuild with {@code appliers} side by side to its end; its progress, DONE. */
    private JsonPath rebuildWith(int appliers) {
        RebuildProgress started = acting.call(ActingScope.NO_TENANT, "user:ops-test", () -> rebuild.start(appliers));
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !"RUNNING".equals(progress().getString("state"))
                        && !"SWAPPING".equals(progress().getString("state")));
        JsonPath done = progress();
        assertThat(done.getString("id")).isEqualTo(started.id().toString());
        assertThat(done.getString("state")).as(done.getString("error")).isEqualTo("DONE");
        return done;
    }

    /** How many events the live generation has applied. */
    private long liveApplied() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("select count(*) from applied_event a join read_model_generation g"
                                + " on a.gen = g.live_gen")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Every read-model table's rows of each tenant in the live generation, keyed "table|tenant". */
    private Map<String, List<String>> rowsOf(List<String> tenants) throws Exception {
        int gen = liveGeneration();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : ReadModelTables.FACT_TABLES) {
            for (String tenant : tenants) {
                rows.put(table + "|" + tenant, ReadModelKit.tableRows(dataSource, table, gen, tenant));
            }
        }
        return rows;
    }

    @Test
    @Order(6)
    void anEventTheModelRefusesFailsTheRebuildNamingItAndTheLiveGenerationStays() throws Exception {
        String tenant = TestTenants.fresh();
        // a valid CloudEvent whose lead has no creation time: the read model refuses it (the live consumer parks it)
        UUID spoilerId = UUID.randomUUID();
        byte[] spoiler = new CloudEventCodec()
                .encode(
                        new EventMetadata(
                                spoilerId,
                                URI.create("/test"),
                                Instant.parse("2026-11-12T10:00:00Z"),
                                tenant,
                                "user:test"),
                        LeadEvents.leadWithPhone(UUID.randomUUID(), "website", null, null, null));
        publish(LeadInflowTest.leadCreated(tenant, "website", ANNA, "2026-11-03T06:00:00Z"), spoiler);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> leadInflow(tenant, "day").getLong("figures.total") == 1);
        String liveAnswer = leadInflow(tenant, "day").prettify();
        int liveGeneration = liveGeneration();

        given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .post("/api/v1/read-model/rebuild")
                .then()
                .statusCode(202);
        awaitFinished();
        JsonPath failed = progress();
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains(spoilerId.toString(), "could not be applied");
        assertThat(failed.getString("finishedAt")).isNotNull();
        assertThat(liveGeneration()).isEqualTo(liveGeneration);
        assertThat(leadInflow(tenant, "day").prettify()).isEqualTo(liveAnswer);
    }

    @Test
    @Order(7)
    void aTopicThatLostItsOldestRecordsFailsTheRebuildNamingTheTopic() throws Exception {
        String tenant = TestTenants.fresh();
        publish(LeadInflowTest.leadCreated(tenant, "call", BORIS, "2026-11-04T06:00:00Z"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> leadInflow(tenant, "day").getLong("figures.total") == 1);
        int liveGeneration = liveGeneration();
        // as retention does: the broker drops the oldest record of each lead-events partition that has one
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(Topics.LEAD_EVENTS))
                    .allTopicNames()
                    .get()
                    .get(Topics.LEAD_EVENTS)
                    .partitions();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(
                    p -> latest.put(new TopicPartition(Topics.LEAD_EVENTS, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> delete = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> {
                if (info.offset() > 0) {
                    delete.put(tp, RecordsToDelete.beforeOffset(1));
                }
            });
            assertThat(delete).isNotEmpty();
            admin.deleteRecords(delete).all().get();
        }

        given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .post("/api/v1/read-model/rebuild")
                .then()
                .statusCode(202);
        awaitFinished();
        JsonPath failed = progress();
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains("Topic " + Topics.LEAD_EVENTS, "whole history");
        assertThat(liveGeneration()).isEqualTo(liveGeneration);
        assertThat(leadInflow(tenant, "day").getLong("figures.total")).isEqualTo(1);
    }

    private static void awaitFinished() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !"RUNNING".equals(progress().getString("state"))
                        && !"SWAPPING".equals(progress().getString("state")));
    }

    private int liveGeneration() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet row =
                        connection.createStatement().executeQuery("select live_gen from read_model_generation")) {
            row.next();
            return row.getInt(1);
        }
    }

    private String state(UUID rebuild) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select state from read_model_rebuild where id = ?")) {
            select.setObject(1, rebuild);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void sql(String sql, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        }
    }

    /**
     * One tenant's month: hires in two teams, leads, a dismissal with a transfer, deals with lines, tasks, activities,
     * a plan, a rate, a manager moving team and two clients merged.
     */
    private void publishRichScenario(DealEvents deals) {
        EventPublisher cards = new EventPublisher(kafka, deals.tenant);
        UUID dmitry = UUID.randomUUID(), anna = UUID.randomUUID(), boris = UUID.randomUUID();
        UUID l1 = UUID.randomUUID(), l2 = UUID.randomUUID(), l3 = UUID.randomUUID(), l4 = UUID.randomUUID();
        UUID d1 = UUID.randomUUID(), d2 = UUID.randomUUID(), d3 = UUID.randomUUID(), d4 = UUID.randomUUID();
        UUID client = UUID.randomUUID(), transfer = UUID.randomUUID();
        UUID formerClient = UUID.randomUUID(), d5 = UUID.randomUUID();
        var crm = List.of(
                DealEvents.line("CRM", "software", "10", "1000", "0"),
                DealEvents.line("Setup", "services", "1", "5000", "0"));
        var training = List.of(DealEvents.line("Training", "services", "3", "1000", "10"));
        cards.publish(
                DealEvents.pipeline(
                        DealEvents.PIPELINE,
                        DealEvents.STAGE_NEW,
                        DealEvents.STAGE_PROPOSAL,
                        DealEvents.STAGE_WON,
                        DealEvents.STAGE_LOST),
                RosterEvents.hired(
                        dmitry,
                        "Dmitry",
                        TEAM_1,
                        "2026-01-10T09:00:00Z",
                        RosterEvents.shifts("09:00", "18:00", RosterEvents.MONDAY_TO_FRIDAY)),
                RosterEvents.hired(
                        anna,
                        "Anna",
                        TEAM_1,
                        "2026-01-10T09:00:00Z",
                        RosterEvents.shifts("11:00", "20:00", RosterEvents.MONDAY_TO_FRIDAY)),
                RosterEvents.hired(boris, "Boris", TEAM_2, 10, "2026-01-10T09:00:00Z"),
                // from 4 Nov the leads at 12:00 Moscow time fall in Dmitry's shift, not Anna's (metric 1 by shift)
                RosterEvents.shiftsChanged(
                        anna,
                        "Anna",
                        TEAM_1,
                        RosterEvents.shifts("11:00", "20:00", RosterEvents.MONDAY_TO_FRIDAY),
                        RosterEvents.shifts("13:00", "20:00", RosterEvents.MONDAY_TO_FRIDAY),
                        "2026-11-04T06:00:00Z"),
                LeadEvents.lead(l1, "website", dmitry, "L1", "2026-11-02T09:00:00Z"),
                LeadEvents.lead(l2, "call", anna, "L2", "2026-11-03T09:00:00Z"),
                LeadEvents.lead(l3, "website", anna, "L3", "2026-11-04T09:00:00Z"),
                LeadEvents.lead(l4, "call", boris, "L4", "2026-11-05T09:00:00Z"),
                LeadEvents.rejected(l3, "NEW", "no_need", anna, "website", "2026-11-06T09:00:00Z"),
                LeadEvents.unreached(l4, boris, "2026-11-06T10:00:00Z"));
        // keyed by the deal, as deal-service's outbox does, so one deal's events stay in order (and its reassignment
        // below, keyed by the deal too, lands on the same partition after them)
        publishDealEvents(
                UUID.randomUUID(), deals.rate("USD", "2026-11-01", "90"), deals.plan("2026-11", anna, "300000"));
        publishDealEvents(
                d1,
                deals.opened(d1, client, dmitry, "15000", "2026-11-02T10:00:00Z", crm),
                deals.moved(d1, dmitry, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 60, "2026-11-06T10:00:00Z"));
        publishDealEvents(
                d2,
                deals.opened(d2, client, anna, "2700", "2026-11-03T10:00:00Z", training),
                deals.moved(d2, anna, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 60, "2026-11-07T10:00:00Z"),
                deals.won(
                        d2,
                        client,
                        anna,
                        "2700",
                        "RUB",
                        true,
                        null,
                        "2026-11-03T10:00:00Z",
                        "2026-11-09T10:00:00Z",
                        training));
        publishDealEvents(
                d3,
                deals.opened(d3, UUID.randomUUID(), anna, "1000", "2026-11-04T10:00:00Z", List.of()),
                deals.lost(d3, UUID.randomUUID(), anna, "PRICE", "2026-11-11T10:00:00Z"));
        publishDealEvents(
                d4,
                deals.opened(
                        d4,
                        UUID.randomUUID(),
                        boris,
                        "500",
                        "USD",
                        "2026-11-28",
                        10,
                        "2026-11-05T10:00:00Z",
                        List.of()),
                deals.activity(d4, UUID.randomUUID(), boris, "5", false, "2026-11-12T10:00:00Z"));
        cards.publish(
                RosterEvents.dismissed(dmitry, transfer, List.of(anna, boris), "2026-11-10T12:00:00Z"),
                RosterEvents.transferStarted(transfer, dmitry, List.of(anna, boris), "2026-11-10T12:00:00Z"),
                LeadEvents.leadTransferred(l1, dmitry, anna, transfer, "2026-11-10T13:00:00Z"),
                DealEvents.dealTransferred(d1, dmitry, boris, transfer, "2026-11-10T13:00:00Z"),
                DealEvents.task(
                        UUID.randomUUID(),
                        "DEAL",
                        d1,
                        boris,
                        "Call back",
                        "2026-11-18T09:00:00Z",
                        "2026-11-11T09:00:00Z"),
                DealEvents.task(
                        UUID.randomUUID(),
                        "LEAD",
                        l2,
                        anna,
                        "Send offer",
                        "2026-11-25T09:00:00Z",
                        "2026-11-12T09:00:00Z"),
                DealEvents.call("LEAD", l1, anna, "2026-11-13T09:00:00Z"),
                // Anna moves to team 2 after her win of 9 Nov; a former client of Boris turns out to be d1/d2's client
                RosterEvents.updated(
                        anna,
                        profile("Anna", TEAM_1),
                        profile("Anna", TEAM_2),
                        3,
                        Instant.parse("2026-11-14T09:00:00Z")),
                LeadEvents.clientsMerged(client, formerClient, null, Instant.parse("2026-11-16T09:00:00Z")));
        publishDealEvents(
                d5,
                deals.opened(d5, formerClient, boris, "4000", "2026-10-01T10:00:00Z", List.of()),
                deals.won(d5, formerClient, boris, "4000", "2026-10-01T10:00:00Z", "2026-10-20T10:00:00Z", List.of()));
    }

    private static Map<String, String> awaitStableAnswers(String tenant) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Map<String, String> now = answers(tenant);
                    boolean stable = now.equals(last.get())
                            && now.get("forgotten-cards figure overdueTasks").contains("Call back")
                            && now.get("average-check month 2026-11").contains("2700");
                    last.set(now);
                    return stable;
                });
        return last.get();
    }

    /** The pretty-printed JSON answer of every metric, keyed by the path and parameters asked. */
    private static Map<String, String> answers(String tenant) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String[] metric : EVERY_METRIC) {
            var spec = given().auth().oauth2(TestTokens.head(tenant));
            for (int i = 1; i < metric.length; i += 2) {
                spec = spec.queryParam(metric[i], metric[i + 1]);
            }
            var response = spec.when().get("/api/v1/metrics/" + metric[0]);
            assertThat(response.statusCode())
                    .as(metric[0] + ": " + response.asString())
                    .isEqualTo(200);
            answers.put(String.join(" ", metric), response.jsonPath().prettify());
        }
        return answers;
    }

    /** Anna's profile after her 4 Nov schedule change: only the team differs between before and after. */
    private static ManagerHired.ManagerProfile profile(String name, UUID team) {
        return RosterEvents.profile(name, team, RosterEvents.shifts("13:00", "20:00", RosterEvents.MONDAY_TO_FRIDAY));
    }

    private static JsonPath progress() {
        return given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .get("/api/v1/read-model/rebuild")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath leadInflow(String tenant, String groupBy) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("month", "2026-11")
                .queryParam("groupBy", groupBy)
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void publishDealEvents(UUID key, byte[]... events) {
        for (byte[] event : events) {
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(
                            Topics.DEAL_EVENTS,
                            null,
                            key.toString(),
                            event,
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                    .awaitCompletion();
        }
    }

    private void publish(byte[]... events) {
        for (byte[] event : events) {
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(
                            Topics.LEAD_EVENTS,
                            null,
                            UUID.randomUUID().toString(),
                            event,
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                    .awaitCompletion();
        }
    }
}
