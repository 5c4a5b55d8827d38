package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.analytics.projection.BatchIngest;
import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.projection.LiveApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.PlanChanged;
import com.salespulse.contract.deal.PlanTarget;
import com.salespulse.localstack.PostgresServer;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live consumer applies several partitions at once, each batch in its own transaction ({@code TenantLocks}):
 * batches of one tenant about different cards run side by side, a batch about a card another batch has not committed
 * waits for it, a history applied on three partitions at once leaves the read model a serial apply leaves, and a
 * deadlock with another transaction makes the batch apply again, not park its events.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class PartitionsSideBySideTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final int PARTITIONS = 3;

    @Inject
    EventApplier applier;

    @Inject
    LiveApplier live;

    @Inject
    BatchIngest ingest;

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    TestClock clock;

    @InjectKafka
    KafkaCompanion kafka;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @AfterEach
    void realClock() {
        clock.reset();
    }

    /**
     * Two lead creations of one tenant from two partitions: the second batch writes its lead while the first is
     * uncommitted, and waits only at its end, to advance the tenant's position (a row every batch of the tenant
     * updates last), until the first commits.
     */
    @Test
    void aTenantsBatchAboutOtherCardsAppliesWhileAnotherIsUncommitted() throws Exception {
        String tenant = TestTenants.fresh();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        AtomicReference<CompletableFuture<Void>> other = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.applyToLive(
                    List.of(received(tenant, LeadEvents.lead(first, "web", null, "A", "2026-11-10T08:00:00Z"))));
            other.set(CompletableFuture.runAsync(() -> live.apply(
                    List.of(received(tenant, LeadEvents.lead(second, "web", null, "B", "2026-11-10T09:00:00Z"))))));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> other.get().isDone() || aBatchWaitsForThePositionRow());
            assertThat(waitingForAnApplyLock())
                    .as("the second batch took the tenant shared")
                    .isFalse();
        });
        other.get().get(30, TimeUnit.SECONDS);
        assertThat(count("select count(*) from lead_fact where tenant_id = ?", tenant))
                .isEqualTo(2);
    }

    /**
     * The rollups' rows are shared by every card of a tenant: two batches from two partitions, each moving a deal on
     * after the same time in its stage (one row of {@code card_stay_hour}), winning it in the same hour with the same
     * product (one row of {@code won_deal_hour}, one hour of {@code won_line_hour}) and creating a lead of the same
     * source in the same hour (one row of {@code lead_hour}). The second applies while the first is uncommitted and
     * waits, seen in {@code pg_stat_activity}, only for the tenant's position row at its end, not for the rollups'
     * rows: those are written when each transaction commits (migration V2026_12_19_20). Both count in each rollup.
     */
    @Test
    void batchesAddingToTheSameRollupRowsWaitOnlyForThePositionRowAndBothCount() throws Exception {
        String tenant = TestTenants.fresh();
        UUID anna = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        UUID[] stages = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        List<UUID> deals = List.of(UUID.randomUUID(), UUID.randomUUID());
        var lines = List.of(DealEvents.line("A", "X", "2", "300", "0"));
        live.apply(deals.stream()
                .map(deal ->
                        received(tenant, DealEvents.deal(deal, anna, pipeline, stages[0], "C", "2026-11-02T08:00:00Z")))
                .toList());
        List<List<ReceivedEvent>> batches = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            UUID deal = deals.get(i);
            batches.add(List.of(
                    received(
                            tenant,
                            DealEvents.moved(deal, anna, pipeline, stages[0], stages[1], "2026-11-05T08:00:00Z")),
                    received(
                            tenant,
                            DealEvents.dealWon(
                                    deal,
                                    UUID.randomUUID(),
                                    anna,
                                    pipeline,
                                    stages[1],
                                    stages[2],
                                    new BigDecimal("600"),
                                    "RUB",
                                    lines,
                                    false,
                                    null,
                                    Instant.parse("2026-11-02T08:00:00Z"),
                                    Instant.parse("2026-11-05T10:1" + i + ":00Z"))),
                    received(
                            tenant,
                            LeadEvents.lead(UUID.randomUUID(), "web", null, "L", "2026-11-05T09:0" + i + ":00Z"))));
        }
        AtomicReference<CompletableFuture<Void>> other = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.applyToLive(batches.get(0));
            other.set(CompletableFuture.runAsync(() -> live.apply(batches.get(1))));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> other.get().isDone() || aBatchWaitsForALock());
            assertThat(aBatchWaitsForThePositionRow())
                    .as("the second batch came through its rollups' rows to the position row, written last")
                    .isTrue();
        });
        other.get().get(30, TimeUnit.SECONDS);

        assertThat(count("""
                        select stays from card_stay_hour where tenant_id = ? and card_type = 'DEAL' and hours = 72
                          and gen = (select live_gen from read_model_generation)""", tenant))
                .as("two stays of three days in the first stage")
                .isEqualTo(2);
        assertThat(count("select deals from won_deal_hour where tenant_id = ?", tenant))
                .as("two wins in one hour")
                .isEqualTo(2);
        assertThat(count("select product_deals from won_line_hour where tenant_id = ?", tenant))
                .as("two wins of the product in one hour")
                .isEqualTo(2);
        assertThat(count("""
                        select leads from lead_hour
                        where tenant_id = ? and manager_id = '00000000-0000-0000-0000-000000000000'""", tenant)).as("two leads from the web in one hour").isEqualTo(2);
    }

    /**
     * A plan is a barrier (it writes on its own) but no event reads its row: its batch holds the tenant shared and
     * applies while another batch of the tenant is uncommitted, waiting only for the position row.
     */
    @Test
    void aPlansBatchAppliesWhileAnotherOfTheTenantIsUncommitted() throws Exception {
        String tenant = TestTenants.fresh();
        UUID plan = UUID.randomUUID();
        AtomicReference<CompletableFuture<Void>> other = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.applyToLive(List.of(
                    received(tenant, LeadEvents.lead(UUID.randomUUID(), "web", null, "A", "2026-11-10T08:00:00Z"))));
            other.set(CompletableFuture.runAsync(() -> live.apply(List.of(
                    received(tenant, DealEvents.planSet(plan, "2026-11", UUID.randomUUID(), null, "500000", 5))))));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> other.get().isDone() || aBatchWaitsForThePositionRow());
            assertThat(waitingForAnApplyLock())
                    .as("the plan's batch took the tenant shared")
                    .isFalse();
        });
        other.get().get(30, TimeUnit.SECONDS);
        assertThat(count("select count(*) from sales_plan where tenant_id = ?", tenant))
                .isEqualTo(1);
    }

    /**
     * Two rates of one currency, each under its own key (two partitions): the second rewrites its days in rate_day
     * from the currency's rates before and after it, so its batch waits for the first's (it holds the currency), and
     * the days between the two rates are filled as in a serial apply. Side by side, each would have missed the other's
     * uncommitted rate and left the days between them without a row.
     */
    @Test
    void twoRatesOfOneCurrencyTakeTurnsAndFillTheDaysBetweenThem() throws Exception {
        String tenant = TestTenants.fresh();
        AtomicReference<CompletableFuture<Void>> other = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.applyToLive(List.of(received(tenant, DealEvents.exchangeRate("USD", "2026-03-01", "80"))));
            other.set(CompletableFuture.runAsync(
                    () -> live.apply(List.of(received(tenant, DealEvents.exchangeRate("USD", "2026-03-10", "90"))))));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> other.get().isDone() || waitingForAnApplyLock() || aBatchWaitsForThePositionRow());
            assertThat(waitingForAnApplyLock())
                    .as("the second rate's batch waits at its locks for the first's, before its statements")
                    .isTrue();
        });
        other.get().get(30, TimeUnit.SECONDS);
        String days = "select count(*) from rate_day where tenant_id = ? and gen = (select live_gen from "
                + "read_model_generation) and currency = 'USD' and day between '2026-03-01' and '2026-03-09' "
                + "and rate_to_base = 80";
        assertThat(count(days, tenant)).as("the first rate's nine days").isEqualTo(9);
        assertThat(count(
                        days.replace(
                                "between '2026-03-01' and '2026-03-09' and rate_to_base = 80",
                                "= '2026-03-10' and rate_to_base = 90"),
                        tenant))
                .isEqualTo(1);
    }

    /**
     * A call on a lead comes from the deal topic, the lead from the lead topic: two partitions. The call's batch waits
     * for the uncommitted lead, so the lead's last touch is the call, as in any serial order.
     */
    @Test
    void aTouchOfACardWhoseCreationIsUncommittedWaitsForItAndCounts() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        AtomicReference<CompletableFuture<Void>> call = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.applyToLive(
                    List.of(received(tenant, LeadEvents.lead(lead, "web", anna, "A", "2026-11-10T08:00:00Z"))));
            call.set(CompletableFuture.runAsync(() -> live.apply(
                    List.of(received(tenant, DealEvents.call("LEAD", lead, anna, "2026-11-12T10:00:00Z"))))));
            await().atMost(Duration.ofSeconds(30)).until(() -> call.get().isDone() || waitingForAnApplyLock());
            assertThat(call.get()).as("the call waits for its card").isNotDone();
        });
        call.get().get(30, TimeUnit.SECONDS);
        assertThat(instant("select last_touched_at from lead_fact where tenant_id = ? and lead_id = ?", tenant, lead))
                .isEqualTo(Instant.parse("2026-11-12T10:00:00Z"));
    }

    /**
     * A call and a completed task on one lead travel under their own keys: two partitions. Touches commute, so they
     * hold the lead shared ({@code TenantLocks}): the task's batch does not wait for the uncommitted call's batch to
     * begin, only, at its touch statement, for the lead's row the call holds to its commit. Both count: the lead's
     * last touch is the later, its first touch (the dismissed base's) the earlier, and both touches are kept.
     */
    @Test
    void touchesOfOneCardFromTwoPartitionsApplySideBySideAndTheLaterIsItsLastTouch() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        live.apply(List.of(received(tenant, LeadEvents.lead(lead, "web", anna, "A", "2026-11-10T08:00:00Z"))));
        AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.applyToLive(List.of(received(tenant, DealEvents.call("LEAD", lead, anna, "2026-11-12T10:00:00Z"))));
            done.set(CompletableFuture.runAsync(() -> live.apply(List.of(
                    received(
                            tenant,
                            DealEvents.task(
                                    task,
                                    "LEAD",
                                    lead,
                                    anna,
                                    "Call back",
                                    "2026-11-13T09:00:00Z",
                                    "2026-11-10T09:00:00Z")),
                    received(
                            tenant,
                            DealEvents.taskDone(
                                    task, "LEAD", lead, anna, "2026-11-13T09:00:00Z", "2026-11-13T08:30:00Z"))))));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> done.get().isDone() || aBatchWaitsForALock());
            assertThat(waitingForAnApplyLock())
                    .as("the task's batch holds the lead shared beside the call's")
                    .isFalse();
            assertThat(aBatchWaitsIn("card_touch"))
                    .as("it waits only at its touch statement, for the lead's row")
                    .isTrue();
        });
        done.get().get(30, TimeUnit.SECONDS);
        assertThat(instant("select last_touched_at from lead_fact where tenant_id = ? and lead_id = ?", tenant, lead))
                .isEqualTo(Instant.parse("2026-11-13T08:30:00Z"));
        assertThat(instant(
                        "select first_touched_at from dismissed_baseline_card where tenant_id = ? and card_id = ?",
                        tenant,
                        lead))
                .isEqualTo(Instant.parse("2026-11-12T10:00:00Z"));
        assertThat(count("select count(*) from card_touch where tenant_id = ?", tenant))
                .isEqualTo(2);
    }

    /**
     * A task's creation on a lead writes only the task's rows, so it does not hold the lead: it applies while a batch
     * with the lead's own event (a status change) is uncommitted, waiting only for the tenant's position row.
     */
    @Test
    void aTaskCreatedOnACardAppliesWhileTheCardsOwnEventIsUncommitted() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        live.apply(List.of(received(tenant, LeadEvents.lead(lead, "web", anna, "A", "2026-11-10T08:00:00Z"))));
        AtomicReference<CompletableFuture<Void>> created = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.applyToLive(
                    List.of(received(tenant, LeadEvents.status(lead, "NEW", "IN_WORK", anna, "2026-11-11T10:00:00Z"))));
            created.set(CompletableFuture.runAsync(() -> live.apply(List.of(received(
                    tenant,
                    DealEvents.task(
                            task, "LEAD", lead, anna, "Call back", "2026-11-13T09:00:00Z", "2026-11-11T10:05:00Z"))))));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> created.get().isDone() || aBatchWaitsForALock());
            assertThat(aBatchWaitsForThePositionRow())
                    .as("the task's batch came through to the position row, written last")
                    .isTrue();
        });
        created.get().get(30, TimeUnit.SECONDS);
        assertThat(count("select count(*) from task_fact where tenant_id = ?", tenant))
                .isEqualTo(1);
        assertThat(text("select status from lead_fact where tenant_id = ? and lead_id = ?", tenant, lead))
                .isEqualTo("IN_WORK");
    }

    /**
     * One generated history (merges, a transfer, a dismissal, a team change, tasks and calls under their own keys)
     * goes to two tenants: to one in time order, a batch of 500 at a time; to the other split by key into three
     * partitions, each applied in its order in batches of 40 by its own thread, all three at once, as the consumers
     * do. Every read-model table must hold the same rows for both; delivered a second time, the partitions change
     * nothing.
     */
    @Test
    void aHistoryOnThreePartitionsAtOnceEqualsItAppliedSerially() throws Exception {
        clock.set(SalesHistory.NOW);
        SalesHistory history = SalesHistory.generate(16);
        String run = UUID.randomUUID().toString().substring(0, 6);
        int gen = generations.live();

        String serial = "serial-" + run;
        List<ReceivedEvent> batch = new ArrayList<>();
        for (SalesHistory.Event event : history.inTimeOrder()) {
            batch.add(received(serial, event.at(), event.data()));
            if (batch.size() == 500) {
                applier.apply(gen, batch);
                batch = new ArrayList<>();
            }
        }
        applier.apply(gen, batch);

        String partitioned = "partitioned-" + run;
        List<List<List<ReceivedEvent>>> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new ArrayList<>(List.of(new ArrayList<>())));
        }
        for (SalesHistory.Event event : history.inTimeOrder()) {
            List<List<ReceivedEvent>> batches =
                    partitions.get(Math.floorMod(event.data().aggregateId().hashCode(), PARTITIONS));
            if (batches.get(batches.size() - 1).size() == 40) {
                batches.add(new ArrayList<>());
            }
            batches.get(batches.size() - 1).add(received(partitioned, event.at(), event.data()));
        }
        AtomicBoolean sharedAtOnce = new AtomicBoolean();
        assertThat(applyAtOnce(partitions, sharedAtOnce))
                .isEqualTo(history.inTimeOrder().size());
        assertThat(sharedAtOnce)
                .as("two batches of the tenant held it shared at the same time")
                .isTrue();

        for (String table : ReadModelTables.FACT_TABLES) {
            assertThat(ReadModelKit.tableRows(dataSource, table, gen, partitioned))
                    .as(table)
                    .isEqualTo(ReadModelKit.tableRows(dataSource, table, gen, serial));
        }
        assertThat(ReadModelKit.tableRows(dataSource, "deal_fact", gen, serial)).hasSizeGreaterThan(50);
        assertThat(ReadModelKit.tableRows(dataSource, "task_fact", gen, serial)).isNotEmpty();

        assertThat(applyAtOnce(partitions, new AtomicBoolean()))
                .as("delivered again")
                .isZero();
        for (String table : ReadModelTables.FACT_TABLES) {
            assertThat(ReadModelKit.tableRows(dataSource, table, gen, partitioned))
                    .as(table + ", delivered twice")
                    .isEqualTo(ReadModelKit.tableRows(dataSource, table, gen, serial));
        }
    }

    /**
     * The kept rows per card of issue 16 ({@code open_card}, {@code dismissed_baseline_card}) are written by triggers
     * in the statements of a card's own events and of its touches, which travel under other keys. Leads and deals of
     * one tenant opened, worked, touched by calls and tasks, moved, rejected and won, spread by key over three
     * partitions applied at once in batches of four: the kept rows equal a serial apply's and the rows the facts give,
     * and no batch was cancelled by a deadlock (none was applied again).
     */
    @Test
    void cardsMovedAndTouchedOnThreePartitionsAtOnceKeepTheOpenCardsAndBaselineOfASerialApply() throws Exception {
        int gen = generations.live();
        UUID pipeline = UUID.randomUUID(), first = UUID.randomUUID(), proposal = UUID.randomUUID();
        UUID wonStage = UUID.randomUUID(), lostStage = UUID.randomUUID();
        List<UUID> managers = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Timed> cards = new ArrayList<>();
        int rejected = 0, won = 0;
        for (int i = 0; i < 24; i++) {
            UUID lead = UUID.randomUUID(), deal = UUID.randomUUID(), task = UUID.randomUUID();
            UUID manager = managers.get(i % managers.size());
            Instant in = Instant.parse("2026-11-02T08:00:00Z").plus(i * 7L, ChronoUnit.MINUTES);
            String opened = in.plusSeconds(30).toString();
            cards.add(new Timed(in, LeadEvents.lead(lead, "web", manager, "Lead " + i, in.toString())));
            cards.add(new Timed(
                    in.plusSeconds(30), DealEvents.deal(deal, manager, pipeline, first, "Deal " + i, opened)));
            cards.add(new Timed(
                    in.plusSeconds(60),
                    DealEvents.task(
                            task,
                            "DEAL",
                            deal,
                            manager,
                            "Call back",
                            later(in, 3),
                            in.plusSeconds(60).toString())));
            cards.add(new Timed(in, 1, DealEvents.call("LEAD", lead, manager, later(in, 1))));
            cards.add(new Timed(in, 2, LeadEvents.status(lead, "NEW", "IN_WORK", manager, later(in, 2))));
            cards.add(new Timed(in, 3, DealEvents.taskDone(task, "DEAL", deal, manager, later(in, 3), later(in, 3))));
            cards.add(new Timed(in, 4, DealEvents.moved(deal, manager, pipeline, first, proposal, later(in, 4))));
            cards.add(new Timed(in, 5, DealEvents.call("DEAL", deal, manager, later(in, 5))));
            cards.add(new Timed(in, 6, DealEvents.call("LEAD", lead, manager, later(in, 6))));
            if (i % 3 == 0) {
                rejected++;
                cards.add(new Timed(
                        in, 7, LeadEvents.rejected(lead, "IN_WORK", "expensive", manager, "web", later(in, 7))));
            }
            if (i % 4 == 1) {
                // each win in an hour of its own: won_deal_hour's rows are counters a closing hour's wins share
                won++;
                cards.add(new Timed(
                        in,
                        8 + i,
                        DealEvents.won(deal, manager, pipeline, proposal, wonStage, opened, later(in, 8 + i))));
            }
        }
        // plans and exchange rates: barriers of the deal topic that hold the tenant shared (their rows no event reads)
        for (int m = 0; m < managers.size(); m++) {
            UUID plan = UUID.randomUUID();
            Instant at = Instant.parse("2026-11-02T09:00:00Z").plus(m * 40L, ChronoUnit.MINUTES);
            cards.add(new Timed(
                    at, DealEvents.planSet(plan, "2026-11", managers.get(m), null, new BigDecimal("500000"), 5, at)));
            cards.add(new Timed(
                    at,
                    2,
                    new PlanChanged(
                            plan,
                            "2026-11",
                            "MANAGER",
                            managers.get(m),
                            null,
                            new PlanTarget(new BigDecimal("500000"), 5),
                            new PlanTarget(new BigDecimal("650000"), 6),
                            "RUB",
                            "raised",
                            at.plus(2, ChronoUnit.HOURS))));
            cards.add(new Timed(
                    at,
                    1,
                    new ExchangeRateSet(
                            UUID.randomUUID(),
                            "USD",
                            "RUB",
                            LocalDate.parse("2026-11-0" + (2 + m)),
                            new BigDecimal(90 + m),
                            null,
                            at.plus(1, ChronoUnit.HOURS))));
        }
        cards.sort(Comparator.comparing(Timed::at));
        DomainEvent pipelineCreated = DealEvents.pipeline(pipeline, first, proposal, wonStage, lostStage);
        String run = UUID.randomUUID().toString().substring(0, 6);

        String serial = "serial-cards-" + run;
        applier.apply(gen, List.of(received(serial, pipelineCreated)));
        applier.apply(
                gen, cards.stream().map(e -> received(serial, e.at(), e.data())).toList());

        String partitioned = "partitioned-cards-" + run;
        applier.apply(gen, List.of(received(partitioned, pipelineCreated)));
        List<List<List<ReceivedEvent>>> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new ArrayList<>(List.of(new ArrayList<>())));
        }
        for (Timed event : cards) {
            List<List<ReceivedEvent>> batches =
                    partitions.get(Math.floorMod(event.data().aggregateId().hashCode(), PARTITIONS));
            if (batches.get(batches.size() - 1).size() == 4) {
                batches.add(new ArrayList<>());
            }
            batches.get(batches.size() - 1).add(received(partitioned, event.at(), event.data()));
        }
        // A batch may be applied again after a deadlock: the rollups' rows shared by many cards (card_stay_hour per
        // stage and length, lead_hour, the hours won_line_hour locks) can be taken in opposite orders by two batches,
        // and PostgreSQL breaks that (architecture.md, "who may apply beside whom"). What must hold is the outcome.
        AtomicBoolean sharedAtOnce = new AtomicBoolean();
        assertThat(applyAtOnce(partitions, sharedAtOnce)).isEqualTo(cards.size());
        assertThat(sharedAtOnce)
                .as("two batches of the tenant held it shared at the same time")
                .isTrue();

        for (String table : List.of(
                "open_card",
                "dismissed_baseline_card",
                "card_touch",
                "lead_fact",
                "deal_fact",
                "sales_plan",
                "exchange_rate")) {
            assertThat(ReadModelKit.tableRows(dataSource, table, gen, partitioned))
                    .as(table)
                    .isEqualTo(ReadModelKit.tableRows(dataSource, table, gen, serial));
        }
        assertThat(lines(OPEN_CARDS.formatted("open_cards"), gen, partitioned))
                .as("the open cards kept, against the facts")
                .isEqualTo(lines(OPEN_CARDS.formatted("open_cards_from_facts"), gen, partitioned))
                .hasSize(24 - rejected + 24 - won);
        assertThat(lines(BASELINE_KEPT, gen, partitioned))
                .as("the baseline's cards kept, against the facts")
                .isEqualTo(lines(BASELINE_FROM_FACTS, gen, partitioned))
                .hasSize(48)
                .noneMatch(card -> card.endsWith("|untouched"));
        assertThat(ReadModelKit.tableRows(dataSource, "sales_plan", gen, partitioned))
                .hasSize(managers.size());
        assertThat(ReadModelKit.tableRows(dataSource, "exchange_rate", gen, partitioned))
                .hasSize(managers.size());
    }

    /** An event at a moment: {@code hours} after {@code in}. */
    private record Timed(Instant at, DomainEvent data) {
        Timed(Instant in, int hours, DomainEvent data) {
            this(in.plus(hours, ChronoUnit.HOURS), data);
        }
    }

    private static String later(Instant in, int hours) {
        return in.plus(hours, ChronoUnit.HOURS).toString();
    }

    /** The open cards of a generation and tenant, from the kept rows ({@code open_cards}) or the facts. */
    private static final String OPEN_CARDS = """
            select concat_ws('|', card_type, card_id, manager_id, title, source, pipeline_id, stage, stage_label,
                             stage_entered_at, created_at, last_touched_at, status)
            from %s(?, ?)""";

    private static final String BASELINE_KEPT = """
            select concat_ws('|', card_type, card_id, arrived_at, manager_id, state,
                             coalesce(first_touched_at::text, 'untouched'))
            from dismissed_baseline_card where gen = ? and tenant_id = ?""";

    /** The baseline's cards as the dismissed base read them from the facts (BaselineCardTest's reference). */
    private static final String BASELINE_FROM_FACTS = """
            with card as (
                select l.gen, l.tenant_id, 'LEAD' as card_type, l.lead_id as card_id, l.created_at as arrived_at,
                       l.owner_id as manager_id, dismissed_baseline_lead_state(l.status) as state
                from lead_fact l where not l.archived
                union all
                select d.gen, d.tenant_id, 'DEAL', d.deal_id, d.opened_at, d.manager_id, d.status from deal_fact d)
            select concat_ws('|', c.card_type, c.card_id, c.arrived_at, c.manager_id, c.state,
                             coalesce((select min(k.touched_at) from card_touch k
                                       where k.gen = c.gen and k.tenant_id = c.tenant_id and k.card_type = c.card_type
                                         and k.card_id = c.card_id and k.touched_at >= c.arrived_at)::text,
                                      'untouched'))
            from card c where c.gen = ? and c.tenant_id = ?
              and not exists (select 1 from transfer_card tc where tc.gen = c.gen and tc.tenant_id = c.tenant_id
                              and tc.card_type = c.card_type and tc.card_id = c.card_id)""";

    /**
     * Through Kafka: the channel's copies ({@code concurrency} in application.properties) each own some of the lead
     * topic's partitions and apply their batches side by side. A lead of one tenant on partition 0 waits for its
     * position row, which another transaction holds; a lead of another tenant on partition 1 is applied meanwhile.
     * (With {@code partitions} instead, SmallRye hands the method one batch at a time and the second lead waits.)
     */
    @Test
    void aBatchOfAnotherPartitionAppliesWhileOneWaitsThroughKafka() throws Exception {
        String waiting = TestTenants.fresh();
        String other = TestTenants.fresh();
        UUID anna = UUID.randomUUID();
        int gen = generations.live();
        applier.apply(
                gen,
                List.of(received(
                        waiting, LeadEvents.lead(UUID.randomUUID(), "web", anna, "A", "2026-11-10T08:00:00Z"))));
        try (Connection holder = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "")) {
            holder.setAutoCommit(false);
            try (PreparedStatement position = holder.prepareStatement(
                    "select 1 from projection_position where gen = ? and tenant_id = ? for update")) {
                position.setInt(1, gen);
                position.setString(2, waiting);
                position.executeQuery().close();
            }
            publish(0, waiting, LeadEvents.lead(UUID.randomUUID(), "web", anna, "B", "2026-11-10T09:00:00Z"));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(this::aBatchWaitsForThePositionRow);
            publish(1, other, LeadEvents.lead(UUID.randomUUID(), "web", anna, "C", "2026-11-10T10:00:00Z"));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> count("select count(*) from lead_fact where tenant_id = ?", other) == 1);
            assertThat(aBatchWaitsForThePositionRow())
                    .as("the first partition's batch still waits")
                    .isTrue();
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("select count(*) from lead_fact where tenant_id = ?", waiting) == 2);
    }

    private void publish(int partition, String tenant, DomainEvent data) {
        byte[] value = CODEC.encode(
                new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"), data);
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(
                        Topics.LEAD_EVENTS,
                        partition,
                        data.aggregateId().toString(),
                        value,
                        new RecordHeaders()
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .awaitCompletion();
    }

    /**
     * Another transaction holds the tenant's position row and then wants the lead the batch has just changed: a
     * deadlock. PostgreSQL cancels the batch (it waited first); the batch is applied again once the other transaction
     * ends, and nothing is dead-lettered.
     */
    @Test
    void aBatchCancelledByADeadlockIsAppliedAgainAndNothingIsDeadLettered() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        ingest.ingest(records(record(tenant, 0, LeadEvents.lead(lead, "web", anna, "A", "2026-11-10T08:00:00Z"))));
        double parkedBefore = parked();
        double retriedBefore = retried();
        int gen = generations.live();

        try (Connection other = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "")) {
            other.setAutoCommit(false);
            try (var statement = other.createStatement()) {
                // this transaction never detects the deadlock itself: the batch, waiting first, does
                statement.execute("set local deadlock_timeout = '60s'");
            }
            try (PreparedStatement position = other.prepareStatement(
                    "select 1 from projection_position where gen = ? and tenant_id = ? for update")) {
                position.setInt(1, gen);
                position.setString(2, tenant);
                position.executeQuery().close();
            }
            CountDownLatch done = new CountDownLatch(1);
            CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> {
                ingest.ingest(records(
                        record(tenant, 1, LeadEvents.status(lead, "NEW", "IN_WORK", anna, "2026-11-10T09:00:00Z"))));
                done.countDown();
            });
            // the batch has changed the lead and waits for the position row
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(this::aBatchWaitsForThePositionRow);
            try (PreparedStatement touchLead = other.prepareStatement(
                    "update lead_fact set status = status where gen = ? and tenant_id = ? and lead_id = ?")) {
                touchLead.setInt(1, gen);
                touchLead.setString(2, tenant);
                touchLead.setObject(3, lead);
                // returns only once the batch's transaction is gone: PostgreSQL cancelled it
                assertThat(touchLead.executeUpdate()).isEqualTo(1);
            }
            assertThat(done.getCount())
                    .as("the cancelled batch waits to be applied again")
                    .isEqualTo(1);
            other.rollback();
            batch.get(60, TimeUnit.SECONDS);
        }
        assertThat(text("select status from lead_fact where tenant_id = ? and lead_id = ?", tenant, lead))
                .isEqualTo("IN_WORK");
        assertThat(parked()).isEqualTo(parkedBefore);
        assertThat(retried()).as("the batch was applied again").isGreaterThan(retriedBefore);
    }

    /** Applies each partition's batches in order on its own thread, the partitions at once; the events applied. */
    private int applyAtOnce(List<List<List<ReceivedEvent>>> partitions, AtomicBoolean sharedAtOnce) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (List<List<ReceivedEvent>> batches : partitions) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                int applied = 0;
                for (List<ReceivedEvent> one : batches) {
                    applied += live.apply(one).applied();
                }
                return applied;
            }));
        }
        start.countDown();
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        long samples = 0;
        long busy = 0;
        long applying = 0;
        while (true) {
            if (count(
                            "select count(*) from pg_locks where locktype = 'advisory' and mode = 'ShareLock' and granted",
                            null)
                    >= 2) {
                sharedAtOnce.set(true);
            }
            // the connections in a transaction of the read model's (not this sampler's) and those of them running a
            // statement, for the figures in docs/benchmarks.md
            samples++;
            busy += count(BUSY, null);
            applying += count(BUSY + " and state = 'active'", null);
            try {
                all.get(20, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException sampleAgain) {
                // the partitions are still applying
            }
        }
        System.out.printf(
                "partitions at once: %d samples, %.2f connections in a transaction, %.2f running a statement%n",
                samples, (double) busy / samples, (double) applying / samples);
        int applied = 0;
        for (CompletableFuture<Integer> partition : running) {
            applied += partition.get(5, TimeUnit.MINUTES);
        }
        return applied;
    }

    private static final String BUSY = """
            select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
            and backend_type = 'client backend' and state in ('active', 'idle in transaction')""";

    private double parked() {
        return registry.counter("salespulse.events.dead-lettered", "topic", Topics.LEAD_EVENTS)
                        .count()
                + registry.counter("salespulse.events.consumed", "topic", Topics.LEAD_EVENTS, "outcome", "failed")
                        .count();
    }

    /** The attempts LiveApplier made again after one failed (a deadlock cancels an attempt). */
    private double retried() {
        return registry
                .find("ft.retry.retries.total")
                .tag("method", LiveApplier.class.getName() + ".apply")
                .counters()
                .stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    private boolean aBatchWaitsForThePositionRow() {
        return count("""
                        select count(*) from pg_stat_activity where wait_event_type = 'Lock'
                        and query like '%projection_position%' and query not like '%pg_stat_activity%'""", null) > 0;
    }

    private boolean aBatchWaitsForALock() {
        return count("""
                        select count(*) from pg_stat_activity where wait_event_type = 'Lock'
                        and query not like '%pg_stat_activity%'""", null) > 0;
    }

    /** Whether a statement containing {@code text} waits for a lock (a row another transaction holds). */
    private boolean aBatchWaitsIn(String text) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select count(*) from pg_stat_activity where wait_event_type = 'Lock'
                        and query like '%' || ? || '%' and query not like '%pg_stat_activity%'""")) {
            query.setString(1, text);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean waitingForAnApplyLock() {
        return count("select count(*) from pg_locks where locktype = 'advisory' and not granted", null) > 0;
    }

    private static ConsumerRecord<String, byte[]> record(String tenant, long offset, DomainEvent data) {
        byte[] value = CODEC.encode(
                new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"), data);
        return new ConsumerRecord<>(
                Topics.LEAD_EVENTS, 0, offset, data.aggregateId().toString(), value);
    }

    private static ConsumerRecords<String, byte[]> records(ConsumerRecord<String, byte[]> record) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.LEAD_EVENTS, 0), List.of(record)));
    }

    private static ReceivedEvent received(String tenant, DomainEvent data) {
        return received(tenant, Instant.now(), data);
    }

    private static ReceivedEvent received(String tenant, Instant at, DomainEvent data) {
        return new ReceivedEvent(
                new EventMetadata(UUID.randomUUID(), URI.create("/salespulse/test"), at, tenant, "user:history"),
                EventType.of(data),
                data);
    }

    private long count(String sql, String tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            if (tenant != null) {
                query.setString(1, tenant);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant instant(String sql, String tenant, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            query.setObject(2, id);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
    }

    private String text(String sql, String tenant, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            query.setObject(2, id);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    /** The rows of a query with a generation and a tenant for parameters, one text each, in order. */
    private List<String> lines(String sql, int gen, String tenant) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql + " order by 1")) {
            select.setInt(1, gen);
            select.setString(2, tenant);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }
}
