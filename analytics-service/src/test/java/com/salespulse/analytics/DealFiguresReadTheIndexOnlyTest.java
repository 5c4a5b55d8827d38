package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.averagecheck.AverageCheckQuery;
import com.salespulse.analytics.metric.burnout.BurnoutQuery;
import com.salespulse.analytics.metric.dealcycle.DealCycleQuery;
import com.salespulse.analytics.metric.repeatsales.RepeatSalesQuery;
import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, migration V2026_12_25_20: the deal metrics' figures over a period (average-check's checks, deal-cycle's
 * cycles, repeat-sales' shares with each deal's previous win, base-burnout's losses over its period and baseline) read
 * the period's closed deals from deal_fact_newest alone, never from deal_fact's heap: for a tenant of 60 000 closed
 * deals over three years (in a spare generation, cleared after), once vacuum has marked its pages all-visible, as
 * autovacuum does, each statement, run with neither a sequential nor a bitmap scan to choose (the test's table is small
 * enough to read whole), is an index-only scan of deal_fact_newest that fetched next to no heap row (at most
 * {@value #FEW_FETCHES}, for the one or two pages the running service shares with the tenant's rows and changed since;
 * every row of the thousands read otherwise). A column
 * such a statement reads that the index does not carry would make it visit the heap for every deal of the period (at
 * scale 0.1, 22 349 deals of 12 months: average-check's statement 262 ms so, 61 ms from the index alone).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealFiguresReadTheIndexOnlyTest {

    private static final String TENANT = "index-only";

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    DealFacts deals;

    @Inject
    ReadModelTables tables;

    @Test
    void aPeriodsClosedDealsAreReadFromTheIndexAloneByEveryFiguresStatement() throws Exception {
        int gen = Integer.MIN_VALUE + 43;
        try {
            // 60 000 deals of 20 managers and 5 000 clients over three years to 2026-12-31, two thirds lost; the
            // facts alone (the triggers that keep rollups off for this insert: the statements read deal_fact only)
            insertWithoutTriggers("""
                    insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, source, stage_id,
                        stage_probability, status, amount, currency, repeat_sale, referred_by_client_id, opened_at,
                        closed_at, loss_reason_kind, owner_since, stage_entered_at, last_touched_at)
                    select ?, ?, md5('d' || i)::uuid, md5('c' || i % 5000)::uuid, md5('m' || i % 20)::uuid,
                        md5('p')::uuid, 'web', md5('s')::uuid, 100, case when i % 3 = 0 then 'WON' else 'LOST' end,
                        1000 + i % 700, 'USD', false, case when i % 11 = 0 then md5('c' || i % 97)::uuid end,
                        closing - interval '20 days', closing,
                        case when i % 3 = 0 then null when i % 4 = 0 then 'PRESSURE' else 'PRICE' end,
                        closing - interval '20 days', closing, closing
                    from generate_series(1, 60000) i,
                        lateral (select timestamptz '2024-01-01' + i * interval '26 minutes' as closing) c""", gen, TENANT);
            MetricRequest request = MetricRequest.inside(
                    TENANT,
                    gen,
                    new WorkCalendar(ZoneOffset.UTC, "USD", Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Map.of()),
                    LocalDate.parse("2026-01-01"),
                    LocalDate.parse("2026-12-31"),
                    Instant.parse("2026-12-31T12:00:00Z"));
            Instant baselineStart = Instant.parse("2023-01-01T00:00:00Z");
            Map<String, String> plans = Map.of();
            // what autovacuum does to pages nobody changes any more: marks them all-visible; again while a
            // transaction of the running service that began before the insert keeps vacuum from doing so
            for (int attempt = 0; attempt < 20 && !everyPlanReadsTheIndexAlone(plans); attempt++) {
                Thread.sleep(attempt == 0 ? 0 : 500);
                ReadModelKit.execute(dataSource, "vacuum (analyze) deal_fact");
                plans = plans(request, baselineStart);
            }
            plans.forEach((metric, plan) -> assertThat(plan)
                    .as(metric + ":\n" + plan)
                    .contains("Index Only Scan using deal_fact_newest on deal_fact")
                    .doesNotContain("Index Scan using deal_fact_newest")
                    .doesNotContain("Heap Scan on deal_fact")
                    .doesNotContain("Seq Scan on deal_fact")
                    .satisfies(p -> assertThat(heapFetches(p)).isNotEmpty().allMatch(n -> n <= FEW_FETCHES)));
            // and the figures are there: the period's deals were read (not an empty range)
            assertThat(plans.get("average-check"))
                    .containsPattern("deal_fact_newest on deal_fact d \\(actual rows=\\d{4,}");
        } finally {
            tables.clear(gen);
        }
    }

    /** The heap rows an index-only scan may fetch: a page or two of rows the running service changed since. */
    private static final int FEW_FETCHES = 100;

    /** Each index-only scan's heap fetches in a plan run with analyze. */
    private static List<Integer> heapFetches(String plan) {
        return Pattern.compile("Heap Fetches: (\\d+)")
                .matcher(plan)
                .results()
                .map(match -> Integer.parseInt(match.group(1)))
                .toList();
    }

    private static boolean everyPlanReadsTheIndexAlone(Map<String, String> plans) {
        return plans.size() == 4
                && plans.values().stream()
                        .allMatch(plan -> plan.contains("Index Only Scan using deal_fact_newest on deal_fact")
                                && heapFetches(plan).stream().allMatch(n -> n <= FEW_FETCHES));
    }

    /**
     * Each statement run after its deal set's relation, in one transaction that leaves the planner no sequential or
     * bitmap scan (a table of a few tenants in a test is small enough to be read whole, which at scale it is not): the
     * index answers alone (index-only) only if it carries every column the statement reads, else each deal is fetched
     * from the heap (an index scan).
     */
    private Map<String, String> plans(MetricRequest request, Instant baselineStart) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            em.createNativeQuery("set local enable_bitmapscan = off").executeUpdate();
            Map<String, String> found = new TreeMap<>();
            found.put("average-check", run(deals.won(request), AverageCheckQuery.CHECKS));
            found.put(
                    "deal-cycle",
                    run(
                            deals.closedUnpriced(request, "WON", request.start(), request.end(), null)
                                    .param("nonWorking", "{2026-01-03,2026-01-04}"),
                            DealCycleQuery.CYCLES));
            found.put(
                    "repeat-sales", run(deals.won(request), RepeatSalesQuery.WITH_PREVIOUS + RepeatSalesQuery.SHARES));
            found.put(
                    "base-burnout",
                    run(
                            deals.closedUnpriced(request, "LOST", baselineStart, request.end(), null)
                                    .param("periodStart", request.start()),
                            BurnoutQuery.LOSSES));
            return found;
        });
    }

    /** Runs an insert on a connection of its own with the triggers off (a superuser's session_replication_role). */
    private void insertWithoutTriggers(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
            }
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    insert.setObject(i + 1, parameters[i]);
                }
                insert.executeUpdate();
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("reset session_replication_role");
                }
            }
        }
    }

    /** The statement after the deal set's relation, run: its plan with the rows and heap fetches of each node. */
    private String run(DealFacts.DealSet set, String statement) {
        List<?> lines = set.filter()
                .rows(em, "explain (analyze, costs off, timing off, summary off) with " + set.cte() + " " + statement);
        return String.join("\n", lines.stream().map(String::valueOf).toList());
    }
}
