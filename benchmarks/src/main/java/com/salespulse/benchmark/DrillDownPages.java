package com.salespulse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.PostgresServer;
import com.salespulse.localstack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drill-down pages at depth (issue 16), through REST: one tenant with {@code drill.deals} (200 000) deals won in one
 * month, written straight into analytics' read model, then {@code GET /api/v1/metrics/average-check} at the first
 * page, a deep page by number, the same page by cursor and the last page by number, in the default order and by
 * {@code -amount}; each the median of 7 answers after 3 warm-ups, with the database's own time for the drill-down's
 * page and count statements over those 7 (pg_stat_statements: on a shared machine the trustworthy part). Only
 * analytics-service runs (local-stack's PostgreSQL and broker, the production JVM flags). Method and figures: docs/benchmarks.md ("Drill-downs at depth").
 * Run by {@code DrillDownPagesBenchmark}.
 */
public final class DrillDownPages {

    private static final String ANALYTICS = "analytics-service";
    private static final String TENANT = "drill-pages";
    private static final String MONTH = "2026-11";
    private static final int SIZE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int deals = Integer.getInteger("drill.deals", 200_000);
    private final Path projectRoot = Path.of(System.getProperty("salespulse.project-root", "."));
    private final Path logDirectory =
            Path.of(System.getProperty("salespulse.log-dir", "benchmarks/target/service-logs"));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> report = new ArrayList<>();
    private String database;

    public static void main(String[] args) throws Exception {
        new DrillDownPages().run();
    }

    void run() throws Exception {
        try (LocalStack stack = LocalStack.startTemporary(
                projectRoot,
                logDirectory,
                Map.of(),
                Set.of(ANALYTICS),
                ServiceProcess.PRODUCTION_JVM_OPTIONS,
                Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all"))) {
            database = stack.postgres().jdbcUrl("analytics");
            seed();
            String token = stack.tokens().head(TENANT);
            String url = stack.service(ANALYTICS).spec().url() + "/api/v1/metrics/average-check";
            report.add("drill-down pages at depth, %d deals won in %s, size %d, started %s, load average %s"
                    .formatted(deals, MONTH, SIZE, Instant.now(), loadAverage()));
            int deep = deals / 2 / SIZE;
            int last = (deals - 1) / SIZE;
            for (String sort : new String[] {null, "-amount"}) {
                String base = url + "?month=" + MONTH + "&size=" + SIZE + (sort == null ? "" : "&sort=" + sort);
                JsonNode before = get(base + "&page=" + (deep - 1), token);
                String cursor = before.path("drillDown").path("nextCursor").asText();
                String byCursor = base + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                JsonNode cursorPage = get(byCursor, token);
                String order = sort == null ? "default" : sort;
                report.add("sort %s, first page: %s".formatted(order, median(base + "&page=0", token)));
                report.add("sort %s, page %d by number (offset %d): %s"
                        .formatted(order, deep, deep * SIZE, median(base + "&page=" + deep, token)));
                report.add("sort %s, the same page by cursor (totalItems %s): %s"
                        .formatted(
                                order,
                                cursorPage.path("drillDown").has("totalItems") ? "given" : "left out",
                                median(byCursor, token)));
                report.add("sort %s, last page (%d) by number: %s"
                        .formatted(order, last, median(base + "&page=" + last, token)));
            }
        }
        report.forEach(System.out::println);
        Path out = logDirectory.resolveSibling("drill-down-pages.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    /**
     * The tenant's deals, won through November in equal steps, written in statements of 20 000 rows with the history
     * and rollup triggers off (their cost is not what is measured; the rollup stays empty, so the figures are cheap
     * and the drill-down is most of an answer's time), then analysed.
     */
    private void seed() throws SQLException {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(database, PostgresServer.USER, "");
                Statement statement = c.createStatement();
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
            int gen;
            try (ResultSet rs = statement.executeQuery("select live_gen from read_model_generation")) {
                rs.next();
                gen = rs.getInt(1);
            }
            statement.execute("set session_replication_role = replica");
            for (int first = 1; first <= deals; first += 20_000) {
                insert.setInt(1, gen);
                insert.setString(2, TENANT);
                insert.setInt(3, deals);
                insert.setInt(4, first);
                insert.setInt(5, Math.min(deals, first + 19_999));
                insert.executeUpdate();
            }
            statement.execute("set session_replication_role = origin");
            statement.execute("analyze deal_fact");
            statement.execute("create extension if not exists pg_stat_statements");
        }
        report.add("seeded %d deals in %d ms".formatted(deals, (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * The median wall time of 7 answers after 3 warm-ups, and the database's mean time per answer over those 7 for
     * the drill-down's page statement (its select list names {@code drill_k0}) and its count ({@code select
     * count(*), 0 from deal where …}, or since f16-drill3 {@code select count(*), 0 from (select 1 from deal where …
     * limit 10001)}: the pattern matches both; pg_stat_statements keeps the 0 as written or as {@code $n}, by whether
     * it parsed the statement since the reset).
     */
    private String median(String url, String token) throws Exception {
        for (int i = 0; i < 3; i++) {
            get(url, token);
        }
        try (Connection c = DriverManager.getConnection(database, PostgresServer.USER, "");
                Statement statement = c.createStatement()) {
            statement.execute("select pg_stat_statements_reset()");
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                long start = System.nanoTime();
                get(url, token);
                ms.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(ms);
            return "answer %.1f ms (median), in the database per answer: page %s, count %s"
                    .formatted(
                            ms.get(3),
                            statementTime(statement, "%drill_k0%"),
                            statementTime(statement, "%select count(*), % from deal where %"));
        }
    }

    private static String statementTime(Statement statement, String like) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "select sum(total_exec_time) / 7, sum(calls) from pg_stat_statements where query like '" + like
                        + "' and query not like '%pg_stat_statements%'")) {
            rs.next();
            return rs.getLong(2) == 0 ? "not run" : "%.2f ms".formatted(rs.getDouble(1));
        }
    }

    private JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofMinutes(2))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
