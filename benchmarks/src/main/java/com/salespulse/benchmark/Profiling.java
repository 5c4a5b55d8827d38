package com.salespulse.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Optional profiling of the analytics-at-scale run, per phase (live ingest, lead creations, freshness under load,
 * metrics, rebuild), so the figures of docs/benchmarks.md can be explained the same way every time. Off by default;
 * each switch is a system property:
 * <ul>
 * <li>{@code -Dbenchmark.pg-stat-statements=true}: PostgreSQL is started with {@code pg_stat_statements} (shipped with
 * the embedded binaries), reset at each phase's start; at its end the top statements of the analytics database (total
 * time, calls, calls per applied event, rows, buffer hits) are written to {@code target/profile/<phase>-statements.txt}
 * and the top 15 to the report; the analytics database's commits per phase and, at the end, {@code EXPLAIN
 * (GENERIC_PLAN)} of the ingest's hottest statements. It also samples {@code pg_stat_activity} of the analytics
 * database every 20 ms (what the service's connections are doing: running which statement, waiting on which lock, or
 * idle in a transaction while Java works).</li>
 * <li>{@code -Dbenchmark.jfr=true}: a JFR recording (settings {@code profile}) of the analytics JVM per phase via
 * {@code jcmd JFR.start/JFR.stop}, kept as {@code target/profile/<phase>.jfr} and summarised: CPU samples by activity
 * (ingest, alert engine, HTTP, Kafka client, rebuild), by thread, the hottest methods (self) and the hottest
 * application frames.</li>
 * <li>{@code -Dbenchmark.auto-explain=<ms>} (with {@code pg-stat-statements}): {@code auto_explain} logs the plan, with
 * actual rows and times, of every statement of at least that many milliseconds, the statements run by functions and
 * triggers included ({@code log_nested_statements}), to {@code target/profile/postgres-*.log}.</li>
 * </ul>
 * Either switch also reads the service's {@code salespulse.events.batch.size} summary (count, sum, max per topic) at
 * each phase's ends: the batch sizes the consumer handed over in that phase, and the analytics JVM's CPU in the phase by
 * kind of thread (JIT compiler, GC, the rest; from {@code /proc}, so on Linux).
 */
final class Profiling {

    private static final Pattern SUMMARY = Pattern.compile(
            "^salespulse_events_batch_size_(count|sum|max)\\{[^}]*topic=\"([^\"]+)\"[^}]*}\\s+([0-9.Ee+-]+)");
    /** The alert engine's evaluations, timed by trigger ({@code salespulse.alerts.evaluation}). */
    private static final Pattern ALERTS = Pattern.compile(
            "^salespulse_alerts_evaluation_seconds_(count|sum|max)\\{[^}]*trigger=\"([^\"]+)\"[^}]*}\\s+([0-9.Ee+-]+)");

    private final boolean statements;
    private final boolean jfr;
    private final Path directory;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String analyticsJdbcUrl;
    private String user;
    private Phase current;
    /** The JIT compiler's, the GC's and the rest's CPU seconds in the phase ended last ({@link #jitShare}). */
    private double[] lastThreadSplit;
    /** The ingest phases' hottest statements, explained at the end. */
    private final Map<String, String> hotStatements = new LinkedHashMap<>();

    Profiling(Path directory) {
        this.statements = Boolean.getBoolean("benchmark.pg-stat-statements");
        this.jfr = Boolean.getBoolean("benchmark.jfr");
        this.directory = directory;
    }

    boolean enabled() {
        return statements || jfr;
    }

    /** The PostgreSQL server settings the run needs. */
    Map<String, String> postgresConfig() {
        if (!statements) {
            return Map.of();
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "pg_stat_statements.max", "10000",
                "pg_stat_statements.track", "top",
                "track_io_timing", "on",
                // the triggers' own time per phase (pg_stat_user_functions): pg_stat_statements counts a trigger's
                // work in the statement that fired it
                "track_functions", "pl"));
        String explainMillis = System.getProperty("benchmark.auto-explain");
        if (explainMillis != null) {
            config.putAll(Map.of(
                    "shared_preload_libraries", "pg_stat_statements,auto_explain",
                    "auto_explain.log_min_duration", explainMillis,
                    "auto_explain.log_analyze", "on",
                    "auto_explain.log_nested_statements", "on",
                    "logging_collector", "on",
                    "log_directory", directory.toAbsolutePath().toString(),
                    "log_filename", "postgres-%H%M%S.log"));
        }
        return config;
    }

    /** After the stack started: the extension in the analytics database. */
    void setUp(String analyticsJdbcUrl, String user) throws SQLException, IOException {
        this.analyticsJdbcUrl = analyticsJdbcUrl;
        this.user = user;
        if (!enabled()) {
            return;
        }
        Files.createDirectories(directory);
        if (statements) {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("create extension if not exists pg_stat_statements");
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(analyticsJdbcUrl, user, "");
    }

    /** Starts profiling a phase of the running analytics JVM. */
    void begin(String phase, long pid, String managementUrl) {
        if (!enabled()) {
            return;
        }
        try {
            Phase p = new Phase(slug(phase), pid, managementUrl);
            String page = metricsPage(http, managementUrl);
            p.batchesBefore = summaries(page, SUMMARY);
            p.alertsBefore = summaries(page, ALERTS);
            p.threadsBefore = threadCpuTicks(pid);
            if (statements) {
                try (Connection c = connect();
                        Statement s = c.createStatement()) {
                    s.execute("select pg_stat_statements_reset()");
                }
                p.commitsBefore = commits();
                try {
                    p.functionsBefore = counters(FUNCTIONS);
                    p.tablesBefore = counters(TABLES);
                } catch (SQLException e) {
                    System.out.println("[benchmark] functions' and tables' counters unavailable: " + e);
                }
                p.sampler = new ActivitySampler();
            }
            if (jfr) {
                jcmd(pid, "JFR.start", "name=" + p.slug, "settings=profile");
            }
            p.startedNanos = System.nanoTime();
            current = p;
        } catch (Exception e) {
            System.out.println("[benchmark] profiling of " + phase + " did not start: " + e);
        }
    }

    /**
     * Ends the phase begun last: writes its files and returns the lines for the report.
     *
     * @param events the events the phase applied, for the calls per event (0 if none)
     */
    List<String> end(long events) {
        Phase p = current;
        current = null;
        List<String> lines = new ArrayList<>();
        if (p == null) {
            return lines;
        }
        double seconds = (System.nanoTime() - p.startedNanos) / 1e9;
        lines.add(String.format("profile of %s (%.1f s, %,d events applied):", p.slug, seconds, events));
        try {
            String page = metricsPage(http, p.managementUrl);
            for (Map.Entry<String, double[]> topic : summaries(page, SUMMARY).entrySet()) {
                double[] before = p.batchesBefore.getOrDefault(topic.getKey(), new double[3]);
                double count = topic.getValue()[0] - before[0];
                double sum = topic.getValue()[1] - before[1];
                if (count > 0) {
                    lines.add(String.format(
                            "  batches of %s: %,.0f, mean %.1f records, max %.0f (max since the JVM started)",
                            topic.getKey(), count, sum / count, topic.getValue()[2]));
                }
            }
            List<String> triggers = new ArrayList<>();
            double alertSeconds = 0;
            double alertMax = 0;
            for (Map.Entry<String, double[]> trigger : summaries(page, ALERTS).entrySet()) {
                double[] before = p.alertsBefore.getOrDefault(trigger.getKey(), new double[3]);
                double count = trigger.getValue()[0] - before[0];
                if (count > 0) {
                    triggers.add(String.format("%s %,.0f", trigger.getKey(), count));
                    alertSeconds += trigger.getValue()[1] - before[1];
                    alertMax = Math.max(alertMax, trigger.getValue()[2]);
                }
            }
            if (!triggers.isEmpty()) {
                lines.add(String.format(
                        "  alert evaluations (by trigger): %s; %.1f s evaluating, %.0f %% of the phase; the longest of"
                                + " the last minutes %.1f s",
                        String.join(", ", triggers), alertSeconds, 100 * alertSeconds / seconds, alertMax));
            }
        } catch (Exception e) {
            lines.add("  (batch sizes unavailable: " + e + ")");
        }
        try {
            lines.add(threadCpu(p));
        } catch (Exception e) {
            lines.add("  (the JVM's threads' CPU unavailable: " + e + ")");
        }
        if (statements) {
            try {
                p.sampler.stop();
                long commits = commits() - p.commitsBefore;
                lines.add(String.format(
                        "  analytics database: %,d transactions committed (%.1f/s)", commits, commits / seconds));
                lines.addAll(topStatements(p.slug, events, seconds));
                try {
                    lines.addAll(functionsAndTables(p, events));
                } catch (Exception e) {
                    lines.add("  (functions and tables unavailable: " + e + ")");
                }
                lines.addAll(p.sampler.summary(p.slug));
            } catch (Exception e) {
                lines.add("  (statements unavailable: " + e + ")");
            }
        }
        if (jfr) {
            try {
                Path file = directory.resolve(p.slug + ".jfr").toAbsolutePath();
                jcmd(p.pid, "JFR.stop", "name=" + p.slug, "filename=" + file);
                lines.addAll(JfrSummary.of(file, directory.resolve(p.slug + "-jfr.txt")));
            } catch (Exception e) {
                lines.add("  (JFR unavailable: " + e + ")");
            }
        }
        lines.forEach(System.out::println);
        return lines;
    }

    /** {@code EXPLAIN (GENERIC_PLAN)} of the ingest phases' hottest statements, into a file; before the stack stops. */
    List<String> explainHotStatements() {
        if (!statements || hotStatements.isEmpty()) {
            return List.of();
        }
        StringBuilder out = new StringBuilder();
        // the simple query protocol: the normalised text's $1… go to EXPLAIN (GENERIC_PLAN) as they are, not as
        // parameters the driver would have to bind
        try (Connection c = DriverManager.getConnection(analyticsJdbcUrl + "?preferQueryMode=simple", user, "");
                Statement s = c.createStatement()) {
            s.execute("analyze");
            for (Map.Entry<String, String> hot : hotStatements.entrySet()) {
                out.append("---- ")
                        .append(hot.getKey())
                        .append('\n')
                        .append(hot.getValue())
                        .append("\n\n");
                try (ResultSet rs = s.executeQuery("explain (generic_plan, costs off) " + hot.getValue())) {
                    while (rs.next()) {
                        out.append("  ").append(rs.getString(1)).append('\n');
                    }
                } catch (SQLException e) {
                    out.append("  (cannot explain: ")
                            .append(e.getMessage().lines().findFirst().orElse(""))
                            .append(")\n");
                }
                out.append('\n');
            }
            Files.writeString(directory.resolve("explain-hot-statements.txt"), out);
        } catch (Exception e) {
            return List.of("(explain failed: " + e + ")");
        }
        return List.of("EXPLAIN (GENERIC_PLAN) of the ingest's hottest statements: "
                + directory.resolve("explain-hot-statements.txt"));
    }

    private List<String> topStatements(String slug, long events, double seconds) throws SQLException, IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        String sql = """
                select s.calls, s.total_exec_time, s.mean_exec_time, s.rows, s.shared_blks_hit, s.shared_blks_read,
                       s.queryid, s.query, sum(s.total_exec_time) over () as all_time, sum(s.calls) over () as all_calls
                from pg_stat_statements s join pg_database d on d.oid = s.dbid
                where d.datname = current_database()
                order by s.total_exec_time desc""";
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int rank = 0;
            while (rs.next()) {
                rank++;
                long calls = rs.getLong(1);
                double total = rs.getDouble(2);
                double allTime = rs.getDouble(9);
                String query = rs.getString(8);
                String oneLine = query.replaceAll("\\s+", " ").trim();
                if (rank == 1) {
                    String head = String.format(
                            "  statements of the analytics database: %,.0f ms executing in all (%.0f %% of the phase's"
                                    + " wall time), %,d calls (%.1f per applied event)",
                            allTime,
                            100 * allTime / 1000 / seconds,
                            rs.getLong(10),
                            events > 0 ? rs.getLong(10) / (double) events : 0);
                    lines.add(head);
                    lines.add(String.format(
                            "  %3s %9s %6s %9s %8s %9s  %s",
                            "#", "total ms", "%", "calls", "mean ms", "per event", "statement"));
                    file.append(head).append('\n');
                }
                String row = String.format(
                        "  %3d %9.0f %6.1f %,9d %8.3f %9.3f  ",
                        rank,
                        total,
                        100 * total / Math.max(allTime, 1e-9),
                        calls,
                        rs.getDouble(3),
                        events > 0 ? calls / (double) events : 0);
                if (rank <= 15) {
                    lines.add(row + abbreviate(oneLine, 150));
                }
                file.append(row)
                        .append(String.format(
                                "rows %,d, blocks hit %,d read %,d, queryid %d%n",
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                        .append("      ")
                        .append(oneLine)
                        .append("\n\n");
                if (rank <= 15
                        && slug.startsWith("analytics-applies")
                        && !oneLine.startsWith("select pg_")
                        && !oneLine.contains("pg_advisory")
                        && !oneLine.contains("pg_stat_activity")
                        && !oneLine.contains("sum(events_applied)")) {
                    hotStatements.putIfAbsent(slug + " #" + rank, query);
                }
            }
        }
        Path path = directory.resolve(slug + "-statements.txt");
        Files.writeString(path, file);
        lines.add("  (all statements: " + path + ")");
        return lines;
    }

    /** The trigger functions' calls, total and self milliseconds (with {@code track_functions}). */
    private static final String FUNCTIONS = """
            select schemaname || '.' || funcname || '#' || funcid, calls, total_time, self_time
            from pg_stat_user_functions""";

    /** The tables' inserted, updated (of them HOT) and deleted rows. */
    private static final String TABLES = """
            select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del from pg_stat_user_tables""";

    /**
     * Cumulative counters by name, to be subtracted at the phase's end. The statistics a backend collects are
     * flushed at the end of its transaction (at most once a second when busy), so a phase's figures are close, not
     * exact.
     */
    private Map<String, double[]> counters(String sql) throws SQLException {
        Map<String, double[]> out = new HashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    double[] values = new double[columns - 1];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getDouble(i + 2);
                    }
                    out.put(rs.getString(1), values);
                }
            }
        }
        return out;
    }

    private static Map<String, double[]> minus(Map<String, double[]> after, Map<String, double[]> before) {
        Map<String, double[]> out = new LinkedHashMap<>();
        after.forEach((key, values) -> {
            double[] was = before.getOrDefault(key, new double[values.length]);
            double[] diff = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                diff[i] = values[i] - was[i];
            }
            out.put(key, diff);
        });
        return out;
    }

    /** The phase's trigger functions by self time, and the tables it wrote with their HOT share of updates. */
    private List<String> functionsAndTables(Phase p, long events) throws SQLException, IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        Map<String, double[]> functions = minus(counters(FUNCTIONS), p.functionsBefore);
        double selfAll = functions.values().stream().mapToDouble(v -> v[2]).sum();
        String head = String.format("  functions and triggers (track_functions): %,.0f ms of own time in all", selfAll);
        lines.add(head);
        file.append(head).append('\n');
        functions.entrySet().stream()
                .filter(f -> f.getValue()[0] > 0)
                .sorted((a, b) -> Double.compare(b.getValue()[2], a.getValue()[2]))
                .forEach(f -> {
                    double[] v = f.getValue();
                    String row = String.format(
                            "    %9.0f ms self %9.0f ms total %,10.0f calls %8.4f ms a call %6.3f a event  %s",
                            v[2], v[1], v[0], v[2] / v[0], events > 0 ? v[0] / events : 0, f.getKey());
                    file.append(row).append('\n');
                    if (lines.size() <= 12) {
                        lines.add(row);
                    }
                });
        Map<String, double[]> tables = minus(counters(TABLES), p.tablesBefore);
        String tablesHead = "  tables written (rows inserted, updated, of them HOT, deleted):";
        lines.add(tablesHead);
        file.append(tablesHead).append('\n');
        tables.entrySet().stream()
                .filter(t -> t.getValue()[0] + t.getValue()[1] + t.getValue()[3] > 0)
                .sorted((a, b) -> Double.compare(
                        b.getValue()[0] + b.getValue()[1] + b.getValue()[3],
                        a.getValue()[0] + a.getValue()[1] + a.getValue()[3]))
                .forEach(t -> {
                    double[] v = t.getValue();
                    String row = String.format(
                            "    %,10.0f ins %,10.0f upd %,10.0f hot (%3.0f %%) %,10.0f del  %s",
                            v[0], v[1], v[2], v[1] > 0 ? 100 * v[2] / v[1] : 0, v[3], t.getKey());
                    file.append(row).append('\n');
                    lines.add(row);
                });
        Files.writeString(directory.resolve(p.slug + "-functions-tables.txt"), file);
        return lines;
    }

    /**
     * At the run's end: every index of the analytics database with its scans over the whole run (readers and
     * writers), so an index no statement used while every write maintained it shows as 0.
     */
    List<String> indexUse() {
        if (!statements) {
            return List.of();
        }
        StringBuilder out = new StringBuilder();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select i.relname, i.indexrelname, i.idx_scan, pg_relation_size(i.indexrelid),
                               t.n_tup_ins + t.n_tup_upd - t.n_tup_hot_upd
                        from pg_stat_user_indexes i join pg_stat_user_tables t using (relid)
                        order by i.idx_scan, pg_relation_size(i.indexrelid) desc""")) {
            out.append("scans   size (kB)   rows inserted or updated not HOT   table.index\n");
            while (rs.next()) {
                out.append(String.format(
                        "%,12d %,10d %,12d  %s.%s%n",
                        rs.getLong(3), rs.getLong(4) / 1024, rs.getLong(5), rs.getString(1), rs.getString(2)));
            }
            Files.writeString(directory.resolve("index-use.txt"), out);
        } catch (Exception e) {
            return List.of("(index use unavailable: " + e + ")");
        }
        return List.of("indexes by scans over the whole run: " + directory.resolve("index-use.txt"));
    }

    private long commits() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The service's {@code /q/metrics} page (Prometheus text), or "" while it does not answer. */
    static String metricsPage(HttpClient http, String managementUrl) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return ""; // not up yet, or busy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * label → {count, sum, max} of the summary or timer lines {@code pattern} matches on the page (its groups: the
     * line's kind — count, sum or max —, the label, the value).
     */
    private static Map<String, double[]> summaries(String page, Pattern pattern) {
        Map<String, double[]> labels = new LinkedHashMap<>();
        for (String line : page.split("\n")) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                double[] v = labels.computeIfAbsent(m.group(2), t -> new double[3]);
                int i = switch (m.group(1)) {
                    case "count" -> 0;
                    case "sum" -> 1;
                    default -> 2;
                };
                v[i] = Double.parseDouble(m.group(3));
            }
        }
        return labels;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || out.contains("Exception") || out.contains("Could not")) {
            throw new IOException(String.join(" ", command) + ": " + out.trim());
        }
    }

    private static String slug(String phase) {
        return phase.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * The analytics JVM's CPU in the phase by kind of thread, from {@code /proc/<pid>/task} (Linux): the JIT compiler
     * threads (a JVM started just before a phase compiles while it applies), the garbage collector's, and the rest
     * (the application's). Threads that ended during the phase are missing from it.
     */
    private String threadCpu(Phase p) throws IOException {
        Map<Long, long[]> after = threadCpuTicks(p.pid);
        Map<String, Long> byKind = new LinkedHashMap<>();
        byKind.put("JIT compiler", 0L);
        byKind.put("GC", 0L);
        byKind.put("the rest", 0L);
        for (Map.Entry<Long, long[]> thread : after.entrySet()) {
            long[] before = p.threadsBefore.get(thread.getKey());
            long ticks = thread.getValue()[0] - (before == null ? 0 : before[0]);
            String name = threadName(p.pid, thread.getKey());
            String kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")
                    ? "JIT compiler"
                    : name.startsWith("G1 ") || name.startsWith("GC ") ? "GC" : "the rest";
            byKind.merge(kind, ticks, Long::sum);
        }
        lastThreadSplit = new double[] {
            byKind.get("JIT compiler") / 100.0, byKind.get("GC") / 100.0, byKind.get("the rest") / 100.0
        };
        StringBuilder line =
                new StringBuilder("  analytics JVM CPU s in the phase by thread kind (threads alive at its end):");
        byKind.forEach((kind, ticks) -> line.append(String.format(" %s %.1f,", kind, ticks / 100.0)));
        line.setLength(line.length() - 1);
        return line.toString();
    }

    /**
     * For the phase ended last, beside its ingest ratio: the JIT compiler's share of the analytics JVM's CPU (a JVM
     * started just before the phase compiles while it applies, so its rate is not a warm service's) and the CPU the
     * application itself used per event (neither the JIT's nor the GC's threads); empty without a thread split.
     */
    Optional<String> jitShare(long events) {
        double[] split = lastThreadSplit;
        lastThreadSplit = null;
        if (split == null) {
            return Optional.empty();
        }
        double total = split[0] + split[1] + split[2];
        return Optional.of(String.format(
                "analytics JVM: JIT compiler %.0f %% of its CPU in the phase (%.1f of %.1f s), GC %.0f %%; "
                        + "the application's own CPU %.3f ms per event",
                total > 0 ? 100 * split[0] / total : 0,
                split[0],
                total,
                total > 0 ? 100 * split[1] / total : 0,
                events > 0 ? split[2] * 1000 / events : 0));
    }

    /** Each thread's user + system CPU in clock ticks (100 a second), by thread id; empty where there is no /proc. */
    private static Map<Long, long[]> threadCpuTicks(long pid) {
        Map<Long, long[]> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // the fields after the thread's name (in parentheses, which may hold spaces): state is the first,
                    // utime the 12th, stime the 13th
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(
                            Long.parseLong(task.getFileName().toString()),
                            new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12])});
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static String threadName(long pid, long tid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "comm"))
                    .trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static final class Phase {
        final String slug;
        final long pid;
        final String managementUrl;
        long startedNanos;
        long commitsBefore;
        Map<String, double[]> batchesBefore = Map.of();
        Map<String, double[]> alertsBefore = Map.of();
        Map<Long, long[]> threadsBefore = Map.of();
        ActivitySampler sampler;
        Map<String, double[]> functionsBefore = Map.of();
        Map<String, double[]> tablesBefore = Map.of();

        Phase(String slug, long pid, String managementUrl) {
            this.slug = slug;
            this.pid = pid;
            this.managementUrl = managementUrl;
        }
    }

    /**
     * Samples what the analytics database's other connections are doing every 20 ms: active (on CPU or waiting on
     * what) on which statement, or idle in a transaction (the service works in Java while holding the transaction).
     */
    private final class ActivitySampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        private final AtomicLong samples = new AtomicLong();
        private final Thread thread;

        ActivitySampler() {
            thread = new Thread(this::run, "pg-activity-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            String sql = """
                    select state, coalesce(wait_event_type, '-'), coalesce(wait_event, '-'),
                           left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
                    from pg_stat_activity
                    where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
                      and state is not null and state <> 'idle'""";
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                while (running.get()) {
                    samples.incrementAndGet();
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            String state = rs.getString(1);
                            String key = state.startsWith("idle in transaction")
                                    ? "idle in transaction (the service works in Java)"
                                    : state + " | " + rs.getString(2) + ":" + rs.getString(3) + " | " + rs.getString(4);
                            counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (SQLException e) {
                System.out.println("[benchmark] pg_stat_activity sampling stopped: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }

        List<String> summary(String slug) throws IOException {
            List<String> lines = new ArrayList<>();
            long n = Math.max(1, samples.get());
            List<Map.Entry<String, AtomicLong>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Comparator.comparingLong(
                            (Map.Entry<String, AtomicLong> e) -> e.getValue().get())
                    .reversed());
            Map<String, Long> byWait = new HashMap<>();
            sorted.forEach(e -> {
                String[] parts = e.getKey().split(" \\| ");
                byWait.merge(
                        parts.length > 1 ? parts[0] + " " + parts[1] : parts[0],
                        e.getValue().get(),
                        Long::sum);
            });
            lines.add(String.format(
                    "  pg_stat_activity, %,d samples every 20 ms: busy connections on average %.2f; by state and wait: %s",
                    n,
                    sorted.stream().mapToLong(e -> e.getValue().get()).sum() / (double) n,
                    byWait.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / (double) n))
                            .toList()));
            StringBuilder file = new StringBuilder();
            for (Map.Entry<String, AtomicLong> e : sorted) {
                file.append(String.format("%8.3f  %s%n", e.getValue().get() / (double) n, e.getKey()));
            }
            Path path = directory.resolve(slug + "-activity.txt");
            Files.writeString(path, file);
            for (int i = 0; i < Math.min(8, sorted.size()); i++) {
                lines.add(String.format(
                        "    %.3f  %s",
                        sorted.get(i).getValue().get() / (double) n,
                        sorted.get(i).getKey()));
            }
            return lines;
        }
    }

    /** The summary of one JFR recording's CPU samples. */
    static final class JfrSummary {

        static List<String> of(Path recording, Path report) throws IOException {
            Map<String, Long> activity = new HashMap<>();
            Map<String, Long> threads = new HashMap<>();
            Map<String, Long> self = new HashMap<>();
            Map<String, Long> app = new HashMap<>();
            Map<String, Long> ingestSelf = new HashMap<>();
            Map<String, Long> ingestApp = new HashMap<>();
            long samples = 0;
            double gcPauseMs = 0;
            long gcs = 0;
            try (RecordingFile file = new RecordingFile(recording)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent event = file.readEvent();
                    String type = event.getEventType().getName();
                    if (type.equals("jdk.GarbageCollection")) {
                        gcs++;
                        gcPauseMs += event.getDuration("sumOfPauses").toNanos() / 1e6;
                        continue;
                    }
                    if (!type.equals("jdk.ExecutionSample")) {
                        continue;
                    }
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    String thread = event.getThread("sampledThread") == null
                            ? "?"
                            : event.getThread("sampledThread").getJavaName();
                    threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1L, Long::sum);
                    List<RecordedFrame> frames = stack.getFrames();
                    String top = name(frames.get(0));
                    String firstApp = null;
                    String kind = "other";
                    for (RecordedFrame f : frames) {
                        String n = name(f);
                        if (firstApp == null
                                && n.startsWith("com.salespulse.")
                                && !n.contains("_Subclass")
                                && !n.contains("_ClientProxy")) {
                            firstApp = n;
                        }
                        if (n.startsWith("com.salespulse.analytics.alert.AlertEngine")) {
                            kind = "alert engine";
                        } else if (n.startsWith("com.salespulse.analytics.replay.")) {
                            kind = "rebuild";
                        } else if (n.startsWith("com.salespulse.analytics.ingest.")) {
                            kind = "ingest (BatchIngest, EventApplier, projections)";
                        }
                    }
                    if (kind.equals("other")) {
                        String all = frames.toString();
                        if (firstApp != null && firstApp.contains("Resource")) {
                            kind = "HTTP (a metric or settings resource)";
                        } else if (all.contains("org.apache.kafka.clients")) {
                            kind = "Kafka client (poll, fetch)";
                        } else if (all.contains("io.vertx") || all.contains("io.netty")) {
                            kind = "Vert.x / Netty (HTTP, event loop)";
                        } else if (all.contains("io.smallrye.reactive.messaging")) {
                            kind = "reactive messaging";
                        }
                    }
                    activity.merge(kind, 1L, Long::sum);
                    self.merge(top, 1L, Long::sum);
                    if (firstApp != null) {
                        app.merge(firstApp, 1L, Long::sum);
                    }
                    if (kind.startsWith("ingest")) {
                        ingestSelf.merge(top, 1L, Long::sum);
                        if (firstApp != null) {
                            ingestApp.merge(firstApp, 1L, Long::sum);
                        }
                    }
                }
            }
            StringBuilder out = new StringBuilder();
            out.append(String.format(
                    "%,d CPU samples (jdk.ExecutionSample); %d GCs, %.0f ms of pauses%n", samples, gcs, gcPauseMs));
            section(out, "by activity (a frame of the stack)", activity, samples, 20);
            section(out, "by thread", threads, samples, 20);
            section(out, "hottest methods (self)", self, samples, 40);
            section(out, "hottest application frames (the innermost com.salespulse frame)", app, samples, 40);
            section(out, "ingest only: hottest methods (self)", ingestSelf, samples, 30);
            section(out, "ingest only: innermost application frames", ingestApp, samples, 30);
            Files.writeString(report, out);
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    "  JFR: %,d CPU samples of analytics, %d GCs (%.0f ms of pauses); by activity: %s",
                    samples, gcs, gcPauseMs, shares(activity, samples, 6)));
            lines.add("    hottest application frames: " + shares(app, samples, 8));
            lines.add("    (the hottest methods and the rest: " + report + ")");
            return lines;
        }

        private static String name(RecordedFrame f) {
            return f.getMethod().getType().getName() + "." + f.getMethod().getName();
        }

        private static String shares(Map<String, Long> counts, long total, int n) {
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(n)
                    .map(e -> String.format("%s %.0f %%", e.getKey(), 100.0 * e.getValue() / Math.max(1, total)))
                    .toList()
                    .toString();
        }

        private static void section(StringBuilder out, String title, Map<String, Long> counts, long total, int n) {
            out.append('\n').append(title).append(":\n");
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(n)
                    .forEach(e -> out.append(String.format(
                            "  %6d %5.1f %%  %s%n",
                            e.getValue(), 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
        }
    }
}
