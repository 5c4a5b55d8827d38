package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.Drill;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: lead inflow's figures come from two statements over the period's leads (grouping sets), and a drill-down
 * counts its cards up to {@link Drill#COUNTED_UP_TO}. A year of 10 001 leads written straight into {@code lead_fact}
 * (sources, intake managers and shifts in cycles, some unassigned, unreached, rejected, outside every shift): every
 * figure equals the one a plain {@code GROUP BY} over the facts gives, each cut in its own statement as the metric read
 * them before; the drill-down says 10 000 and more, and exactly how many when there are fewer.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadInflowCountsTest {

    private static final int LEADS = Drill.COUNTED_UP_TO + 1;
    private static final String LIVE = "(select live_gen from read_model_generation)";

    @Inject
    DataSource dataSource;

    private static String tenant;

    @BeforeEach
    void aYearOfLeads() throws Exception {
        if (tenant != null) {
            return;
        }
        String t = "inflow-counts-" + UUID.randomUUID();
        // in statements of a thousand leads: each one runs lead_fact's statement triggers (history, open cards, the
        // dismissed baseline, the hourly rollup) over its rows, and one statement of 10 001 took 20–30 s on a loaded
        // machine, up to the connection's read timeout
        for (int first = 1; first <= LEADS; first += 1_000) {
            ReadModelKit.execute(dataSource, """
                insert into lead_fact (gen, tenant_id, lead_id, source, manager_id, owner_id, created_at, status,
                                       unreached, shift, client_name)
                select %s, ?, gen_random_uuid(), (array['site', 'phone', 'partner', 'fair', 'site'])[1 + i %% 4 + i %% 3 / 2],
                       m, m, timestamptz '2026-01-01 00:00Z' + i * interval '47 minutes',
                       (array['NEW', 'IN_WORK', 'REJECTED', 'CONVERTED', 'REJECTED'])[1 + i %% 5], i %% 3 = 0,
                       case when i %% 4 = 0 then null else (array['09:00–15:00', '15:00–21:00'])[1 + i %% 2] end,
                       'Client ' || i
                from generate_series(?, ?) i
                cross join lateral (select case when i %% 7 = 0 then null
                                    else cast('00000000-0000-0000-0000-0000000000' || lpad(to_hex(i %% 6), 2, '0') as uuid)
                                    end as m) m""".formatted(LIVE), t, first, Math.min(first + 999, LEADS));
        }
        tenant = t;
    }

    @Test
    void everyFigureEqualsTheFactsGroupedOneCutAtATime() throws Exception {
        JsonPath answer = inflow("from", "2026-01-01", "to", "2026-12-31", "groupBy", "month");
        String zone = answer.getString("period.timeZone");
        String period = " from lead_fact where gen = " + LIVE + " and tenant_id = ? and created_at >= "
                + "cast('2026-01-01' as timestamp) at time zone ? and created_at < cast('2027-01-01' as timestamp) "
                + "at time zone ?";

        assertThat(answer.getLong("figures.total")).isEqualTo(LEADS);
        assertThat(pairs(answer, "figures.buckets", "start", "count"))
                .isEqualTo(rows(
                        "select to_char(date_trunc('month', created_at at time zone ?), 'YYYY-MM-DD'), count(*)"
                                + period + " group by 1 order by 1",
                        zone,
                        tenant,
                        zone,
                        zone));
        assertThat(pairs(answer, "figures.bySource", "source", "count"))
                .isEqualTo(rows(
                        "select source, count(*)" + period + " group by source order by count(*) desc, source",
                        tenant,
                        zone,
                        zone));
        assertThat(pairs(answer, "figures.byManager", "managerId", "count"))
                .isEqualTo(rows(
                        "select cast(manager_id as text), count(*)" + period
                                + " group by manager_id order by count(*) desc, manager_id nulls last",
                        tenant,
                        zone,
                        zone));
        List<List<Object>> shifts = new ArrayList<>();
        for (Map<String, Object> shift : answer.<Map<String, Object>>getList("figures.byShift")) {
            shifts.add(List.of(
                    shift.get("shift"),
                    ((Number) shift.get("count")).longValue(),
                    ((Number) shift.get("unreached")).longValue(),
                    ((Number) shift.get("rejected")).longValue()));
        }
        assertThat(shifts)
                .isEqualTo(rows(
                        "select coalesce(shift, 'outside'), count(*), count(*) filter (where unreached), "
                                + "count(*) filter (where status = 'REJECTED')" + period
                                + " group by shift order by shift collate \"C\" nulls last",
                        tenant,
                        zone,
                        zone));
        List<List<Object>> quality = rows(
                "select count(*) filter (where unreached), " + "count(*) filter (where status = 'REJECTED')" + period,
                tenant,
                zone,
                zone);
        assertThat(List.of(List.of(
                        answer.getLong("figures.quality.unreached"), answer.getLong("figures.quality.rejected"))))
                .isEqualTo(quality);
        assertThat(shifts).hasSize(3);
        assertThat(answer.getList("figures.byManager")).hasSize(7);
    }

    @Test
    void aDrillDownCountsUpToTenThousandAndSaysThereAreMore() {
        JsonPath all = inflow("from", "2026-01-01", "to", "2026-12-31");
        assertThat(all.getLong("drillDown.totalItems")).isEqualTo(Drill.COUNTED_UP_TO);
        assertThat(all.getBoolean("drillDown.moreItems")).isTrue();
        assertThat(all.getList("drillDown.items")).hasSize(50);

        // the leads outside every shift: a quarter of them, counted exactly
        JsonPath outside = inflow("from", "2026-01-01", "to", "2026-12-31", "shift", "outside");
        assertThat(outside.getLong("drillDown.totalItems")).isEqualTo(LEADS / 4);
        assertThat(outside.getString("drillDown.moreItems")).isNull();
    }

    private static JsonPath inflow(String... params) {
        var request = given().auth().oauth2(TestTokens.head(tenant));
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A list of the answer's as rows of two columns, the second a count. */
    private static List<List<Object>> pairs(JsonPath answer, String list, String key, String count) {
        List<List<Object>> pairs = new ArrayList<>();
        for (Map<String, Object> row : answer.<Map<String, Object>>getList(list)) {
            if (((Number) row.get(count)).longValue() > 0) {
                pairs.add(java.util.Arrays.asList(row.get(key), ((Number) row.get(count)).longValue()));
            }
        }
        return pairs;
    }

    private List<List<Object>> rows(String sql, Object... parameters) throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (var result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = result.getObject(c);
                        row.add(value instanceof Number n ? n.longValue() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
