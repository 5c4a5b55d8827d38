package com.salespulse.analytics;

import static io.restassured.RestAssured.given;

import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 16, a measurement and not a test (run with {@code -Ddrill.measure=true}): one tenant with {@code
 * drill.deals} (200 000) deals won in one month, written straight into the read model, and the average-check answer
 * at a first page, a deep page by number and the same deep page by cursor; prints the median of 7 after 3 warm-ups.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@EnabledIfSystemProperty(named = "drill.measure", matches = "true")
class DrillDownDeepPageMeasurement {

    private static final String PATH = "/api/v1/metrics/average-check";

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    @Inject
    com.salespulse.analytics.metric.DealFacts dealFacts;

    @Inject
    com.salespulse.analytics.settings.TenantCalendar calendars;

    @Test
    void deepPageByNumberAgainstByCursor() throws Exception {
        int deals = Integer.getInteger("drill.deals", 200_000);
        String tenant = TestTenants.fresh();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        insert into deal_fact (gen, tenant_id, deal_id, client_id, client_name, manager_id,
                            pipeline_id, source, stage_id, stage_probability, status, amount, currency, repeat_sale,
                            opened_at, closed_at, owner_since, stage_entered_at, last_touched_at)
                        select ?, ?, gen_random_uuid(), gen_random_uuid(), 'Client ' || (i % 997),
                            '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000e1', 'web',
                            '00000000-0000-0000-0000-0000000000f8', 100, 'WON', 1000 + i % 5000, 'RUB', false,
                            timestamptz '2026-10-01 00:00Z' + i * interval '1 second',
                            timestamptz '2026-11-01 00:00Z' + i * (interval '29 days' / ?),
                            timestamptz '2026-10-01 00:00Z', timestamptz '2026-10-01 00:00Z',
                            timestamptz '2026-10-01 00:00Z'
                        from generate_series(?, ?) i""")) {
            // without the history and rollup triggers (their cost is not what is measured here): the rollup stays
            // empty, so the answer's figures are cheap and the drill-down is most of its time
            c.createStatement().execute("set session_replication_role = replica");
            long start = System.nanoTime();
            // in statements of 20 000 rows: the connection's socket timeout would cut a longer one
            for (int first = 1; first <= deals; first += 20_000) {
                insert.setInt(1, generations.live());
                insert.setString(2, tenant);
                insert.setInt(3, deals);
                insert.setInt(4, first);
                insert.setInt(5, Math.min(deals, first + 19_999));
                insert.executeUpdate();
            }
            System.out.printf("seeded %d deals in %d ms%n", deals, (System.nanoTime() - start) / 1_000_000);
            c.createStatement().execute("set session_replication_role = origin");
            c.createStatement().execute("analyze deal_fact");
        }
        measureDrillAlone(tenant, deals);
        String token = TestTokens.head(tenant);
        int size = 50;
        for (String sort : new String[] {null, "-amount"}) {
            int deep = deals / 2 / size;
            String cursor =
                    get(token, sort, "page", "" + (deep - 1), "size", "" + size).path("drillDown.nextCursor");
            System.out.printf(
                    "sort %s, %d deals, size %d: first page %.1f ms | page %d (offset %d) %.1f ms | same page by cursor"
                            + " %.1f ms | last page by number %.1f ms%n",
                    sort,
                    deals,
                    size,
                    time(token, sort, "page", "0", "size", "" + size),
                    deep,
                    deep * size,
                    time(token, sort, "page", "" + deep, "size", "" + size),
                    time(token, sort, "cursor", cursor, "size", "" + size),
                    time(token, sort, "page", "" + (deals / size - 1), "size", "" + size));
        }
    }

    /** The drill-down alone (its count and its page), as DealFacts.page reads it for average-check. */
    private void measureDrillAlone(String tenant, int deals) {
        int size = 50;
        int deep = deals / 2 / size;
        for (String sort : new String[] {null, "-amount"}) {
            MetricAnswer.DrillDown before = drill(tenant, sort, deep - 1, size, null);
            String cursor = before.nextCursor();
            System.out.printf(
                    "drill-down alone, sort %s: first page %.1f ms | page %d by number %.1f ms | by cursor %.1f ms%n",
                    sort,
                    timeDrill(tenant, sort, 0, size, null),
                    deep,
                    timeDrill(tenant, sort, deep, size, null),
                    timeDrill(tenant, sort, 0, size, cursor));
        }
    }

    private double timeDrill(String tenant, String sort, int page, int size, String cursor) {
        for (int i = 0; i < 3; i++) {
            drill(tenant, sort, page, size, cursor);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            drill(tenant, sort, page, size, cursor);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(3);
    }

    private MetricAnswer.DrillDown drill(String tenant, String sort, int page, int size, String cursor) {
        var calendar = calendars.calendar(tenant);
        java.time.LocalDate from = java.time.LocalDate.parse("2026-11-01");
        java.time.LocalDate to = java.time.LocalDate.parse("2026-11-30");
        MetricRequest request = new MetricRequest(
                tenant,
                generations.live(),
                calendar,
                from,
                to,
                from.atStartOfDay(calendar.zone()).toInstant(),
                to.plusDays(1).atStartOfDay(calendar.zone()).toInstant(),
                java.time.Instant.now(),
                null,
                null,
                null,
                null,
                page,
                size,
                sort,
                null,
                cursor,
                "measurement");
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> dealFacts.page(
                        request,
                        dealFacts.won(request),
                        "wonDeals",
                        "",
                        "deal",
                        "true",
                        "null",
                        (deal, age) -> com.salespulse.analytics.metric.Drill.deal(deal, "WON", null)));
    }

    private static io.restassured.response.Response get(String token, String sort, String... params) {
        var spec = given().auth().oauth2(token).queryParam("month", "2026-11");
        if (sort != null) {
            spec = spec.queryParam("sort", sort);
        }
        for (int i = 0; i < params.length; i += 2) {
            spec = spec.queryParam(params[i], params[i + 1]);
        }
        io.restassured.response.Response response = spec.get(PATH);
        if (response.statusCode() != 200) {
            throw new AssertionError(response.asString());
        }
        return response;
    }

    /** The median wall time of 7 answers after 3 warm-ups, in ms. */
    private static double time(String token, String sort, String... params) {
        for (int i = 0; i < 3; i++) {
            get(token, sort, params);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            get(token, sort, params);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(3);
    }
}
