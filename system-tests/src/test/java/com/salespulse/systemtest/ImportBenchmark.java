package com.salespulse.systemtest;

import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.demo.DemoImport;
import com.salespulse.systemtest.BenchmarkRecords.Row;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Import throughput of integration-service on the real stack (the five packaged services as processes, PostgreSQL,
 * Kafka), with its floors measured side by side in the same run. Not a test: failsafe does not pick it up by name
 * (it is no {@code *IT}) and it asserts only that every record was applied, so the figures are of the work asked
 * for. Run it alone (docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw -B -ntp -pl system-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ImportBenchmark -Dbenchmark.leads=2000 -Dbenchmark.deals=500
 * </pre>
 *
 * For each stream (leads; deals with history), in a tenant of its own, one after the other:
 * <ol>
 * <li>floor A — integration-service's own cheapest authenticated endpoint ({@code GET /api/v1/imports?size=1}),
 * called by one client, one request at a time;</li>
 * <li>floor B — the owner's own rate: the stream's records sent straight to their owners as the importer sends them,
 * one {@code PUT /api/v1/<collection>/by-ref/{system}/{id}} at a time, over one kept-alive connection;</li>
 * <li>the import: the same records under fresh references as one NDJSON job, timed from the POST until the job is
 * DONE.</li>
 * </ol>
 * Between phases it waits until every consumer group has read every record on the topics, so the analytics and
 * replica work one phase caused does not run into the next. First an unmeasured warm-up runs every phase small.
 */
class ImportBenchmark {

    private static final int LEADS = Integer.getInteger("benchmark.leads", 2_000);
    private static final int DEALS = Integer.getInteger("benchmark.deals", 500);
    private static final int WARMUP_LEADS = Integer.getInteger("benchmark.warmup-leads", 300);
    private static final int WARMUP_DEALS = Integer.getInteger("benchmark.warmup-deals", 60);
    private static final int TRIVIAL_REQUESTS = Integer.getInteger("benchmark.trivial-requests", 2_000);
    private static final long SEED = Long.getLong("benchmark.seed", 20261204L);
    /** What the importer waits before it tries a row naming a reference its owner does not know yet. */
    private static final Duration UNKNOWN_REFERENCE_WAIT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private LocalStack stack;

    /** One measured phase: how many requests or records in how long, and the CPU the processes spent meanwhile. */
    record Phase(String name, int count, double seconds, Map<String, Double> cpuSeconds, String note) {

        double perSecond() {
            return count / seconds;
        }
    }

    record Stream(String name, Phase trivial, Phase direct, Phase imported, double jobRate) {}

    @Test
    void measureImportThroughputAgainstItsFloors() throws Exception {
        stack = LocalStack.startTemporary(
                Path.of(System.getProperty("salespulse.project-root")),
                Path.of(System.getProperty("salespulse.log-dir")),
                Map.of());
        try (Admin kafka =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            System.out.printf(
                    "[benchmark] warm-up (unmeasured): %d leads, %d deals with history%n", WARMUP_LEADS, WARMUP_DEALS);
            run(
                    "bench-warmup",
                    "leads",
                    BenchmarkRecords.leads("warm-leads-direct", SEED, WARMUP_LEADS),
                    BenchmarkRecords.leads("warm-leads-import", SEED, WARMUP_LEADS),
                    TRIVIAL_REQUESTS / 4,
                    kafka);
            run(
                    "bench-warmup",
                    "deals",
                    BenchmarkRecords.dealsWithHistory("warm-deals-direct", SEED, WARMUP_DEALS),
                    BenchmarkRecords.dealsWithHistory("warm-deals-import", SEED, WARMUP_DEALS),
                    0,
                    kafka);

            String started = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.now());
            Stream leads = run(
                    "bench-leads",
                    "leads",
                    BenchmarkRecords.leads("leads-direct", SEED, LEADS),
                    BenchmarkRecords.leads("leads-import", SEED, LEADS),
                    TRIVIAL_REQUESTS,
                    kafka);
            Stream deals = run(
                    "bench-deals",
                    "deals with history",
                    BenchmarkRecords.dealsWithHistory("deals-direct", SEED, DEALS),
                    BenchmarkRecords.dealsWithHistory("deals-import", SEED, DEALS),
                    TRIVIAL_REQUESTS,
                    kafka);
            print(started, List.of(leads, deals));
        } finally {
            stack.close();
        }
    }

    private Stream run(
            String tenant, String name, List<Row> direct, List<Row> imported, int trivialRequests, Admin kafka)
            throws Exception {
        String token = stack.tokens().integrator(tenant);
        awaitConsumersCaughtUp(kafka);
        Phase trivial = trivialRequests == 0
                ? null
                : measure("trivial endpoint", () -> {
                    for (int i = 0; i < trivialRequests; i++) {
                        call("GET", url("integration-service") + "/api/v1/imports?size=1", token, null, null, 200);
                    }
                    return new Result(trivialRequests, "");
                });
        awaitConsumersCaughtUp(kafka);
        Phase owner = measure("direct to the owners", () -> sendDirect(direct, token));
        awaitConsumersCaughtUp(kafka);
        Job[] job = new Job[1];
        Phase job1 = measure("import job", () -> {
            job[0] = importAndFollow(imported, token);
            return new Result(imported.size(), job[0].progress());
        });
        if (!job[0].status().equals("DONE") || job[0].failed() > 0) {
            throw new IllegalStateException("The " + name + " import ended " + job[0].status() + " with "
                    + job[0].failed() + " refused rows: "
                    + call(
                            "GET",
                            url("integration-service") + "/api/v1/imports/" + job[0].id() + "/errors?size=5",
                            token,
                            null,
                            null,
                            200));
        }
        Stream stream = new Stream(name, trivial, owner, job1, job[0].rate());
        System.out.printf("[benchmark] %s, tenant %s: %s%n", name, tenant, describe(stream));
        return stream;
    }

    // ---------------------------------------------------------------- the three ways in

    private record Result(int count, String note) {}

    private record Job(String id, String status, int failed, double rate, String progress) {}

    /** Each record as the importer sends it: the owner's PUT by reference, the body without kind and reference. */
    private Result sendDirect(List<Row> rows, String token) {
        int waits = 0;
        for (Row row : rows) {
            String target = url(row.owner() + "-service") + "/api/v1/" + row.collection() + "/by-ref/"
                    + row.externalSystem() + "/" + URLEncoder.encode(row.externalId(), StandardCharsets.UTF_8);
            while (true) {
                HttpResponse<String> answer = send(
                        "PUT", target, token, "application/json", row.body().toString());
                if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                    break;
                }
                if (answer.statusCode() == 400 && answer.body().contains("names no ") && waits < 20) {
                    // as the importer does: the owner may not have consumed the named entity's event yet
                    waits++;
                    sleep(UNKNOWN_REFERENCE_WAIT);
                    continue;
                }
                throw new IllegalStateException(
                        "PUT " + target + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        return new Result(rows.size(), waits == 0 ? "" : waits + " waits for an unknown reference");
    }

    /** One NDJSON job of the rows, followed until it ends; polled every 200 ms to see its rate along the way. */
    private Job importAndFollow(List<Row> rows, String token) {
        String file = rows.stream().map(Row::line).collect(Collectors.joining("\n", "", "\n"));
        String base = url("integration-service") + "/api/v1/imports";
        JsonObject accepted =
                DemoImport.json(call("POST", base + "?format=ndjson", token, "application/x-ndjson", file, 202));
        String id = accepted.getString("id");
        long started = System.nanoTime();
        List<long[]> samples = new ArrayList<>(); // {nanos since the POST, rows done}
        while (true) {
            JsonObject job = DemoImport.json(call("GET", base + "/" + id, token, null, null, 200));
            samples.add(new long[] {System.nanoTime() - started, job.getInt("done")});
            String status = job.getString("status");
            if (job.getInt("failed") > 0 && status.equals("RUNNING")) {
                // the figures would be of refused rows: stop at once and show why
                call("POST", base + "/" + id + "/cancel", token, null, null, 200);
                throw new IllegalStateException("Rows were refused: "
                        + call("GET", base + "/" + id + "/errors?size=5", token, null, null, 200));
            }
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return new Job(
                        id,
                        status,
                        job.getInt("failed"),
                        job.getJsonNumber("rate").doubleValue(),
                        quarters(samples, rows.size()));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** The rate over each quarter of the file, from the progress samples: whether it holds up along the file. */
    private static String quarters(List<long[]> samples, int total) {
        List<String> rates = new ArrayList<>();
        long previousTime = -1;
        long previousDone = 0;
        int quarter = 1;
        for (long[] sample : samples) {
            if (previousTime < 0 && sample[1] > 0) {
                previousTime = sample[0]; // the first sample with progress: the worker has picked the job up
                previousDone = sample[1];
                continue;
            }
            if (previousTime >= 0 && sample[1] >= (long) total * quarter / 4) {
                rates.add(String.format("%.0f", (sample[1] - previousDone) / ((sample[0] - previousTime) / 1e9)));
                previousTime = sample[0];
                previousDone = sample[1];
                quarter++;
            }
        }
        return "rows/s by quarter of the file: " + String.join(" / ", rates);
    }

    // ---------------------------------------------------------------- timing and CPU

    @FunctionalInterface
    private interface Work {
        Result run() throws Exception;
    }

    private Phase measure(String name, Work work) throws Exception {
        Map<String, Map<Long, Duration>> before = cpu();
        long started = System.nanoTime();
        Result result = work.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Map<Long, Duration>> after = cpu();
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((group, processes) -> spent.put(
                group,
                processes.entrySet().stream()
                        .mapToDouble(p -> p.getValue()
                                        .minus(before.getOrDefault(group, Map.of())
                                                .getOrDefault(p.getKey(), Duration.ZERO))
                                        .toMillis()
                                / 1000.0)
                        .sum()));
        return new Phase(name, result.count(), seconds, spent, result.note());
    }

    /**
     * CPU time so far of each process of the stack, by group: each service, PostgreSQL (the server and its backends)
     * and this JVM (the benchmark's client and the Kafka broker, which runs in it).
     */
    private Map<String, Map<Long, Duration>> cpu() {
        Map<String, Map<Long, Duration>> groups = new LinkedHashMap<>();
        for (String service : List.of(
                "integration-service", "lead-service", "deal-service", "analytics-service", "notification-service")) {
            ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("/" + service + "/target/quarkus-app/"))
                    .forEach(p -> put(groups, service, p));
        }
        String port = String.valueOf(stack.postgres().port());
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/postgres")
                        && List.of(p.info().arguments().orElse(new String[0])).contains(port))
                .forEach(postmaster -> {
                    put(groups, "postgresql", postmaster);
                    postmaster.descendants().forEach(backend -> put(groups, "postgresql", backend));
                });
        put(groups, "benchmark JVM + Kafka", ProcessHandle.current());
        return groups;
    }

    private static void put(Map<String, Map<Long, Duration>> groups, String group, ProcessHandle process) {
        Optional<Duration> cpu = process.info().totalCpuDuration();
        cpu.ifPresent(d -> groups.computeIfAbsent(group, g -> new HashMap<>()).put(process.pid(), d));
    }

    /**
     * Waits until every consumer group has read every record on the topics, twice in a row 200 ms apart (so the
     * outboxes have nothing left to relay either): the previous phase's events are all applied.
     */
    private static void awaitConsumersCaughtUp(Admin kafka) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        int quiet = 0;
        Map<TopicPartition, Long> lastEnds = Map.of();
        while (quiet < 2) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The consumers did not catch up within 5 minutes");
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            long lag = 0;
            for (GroupListing group : kafka.listGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var offsets = kafka.listOffsets(latest).all().get();
                for (var entry : committed.entrySet()) {
                    long end = offsets.get(entry.getKey()).offset();
                    ends.merge(entry.getKey(), end, Math::max);
                    lag += Math.max(
                            0,
                            end
                                    - (entry.getValue() == null
                                            ? 0
                                            : entry.getValue().offset()));
                }
            }
            quiet = lag == 0 && ends.equals(lastEnds) ? quiet + 1 : 0;
            lastEnds = ends;
            sleep(Duration.ofMillis(200));
        }
    }

    // ---------------------------------------------------------------- the report

    private static void print(String started, List<Stream> streams) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%n[benchmark] import throughput, started %s; %d leads, %d deals with history "
                        + "(%d warm-up leads, %d warm-up deals before, unmeasured)%n",
                started, LEADS, DEALS, WARMUP_LEADS, WARMUP_DEALS));
        out.append(String.format(
                "%n| figure | %s |%n|---|%s%n",
                streams.stream().map(Stream::name).collect(Collectors.joining(" | ")), "---|".repeat(streams.size())));
        row(out, "records", streams, s -> String.format("%,d", s.direct().count()));
        row(
                out,
                "A. integration-service GET /api/v1/imports?size=1, one client",
                streams,
                s -> String.format("%.0f requests/s", s.trivial().perSecond()));
        row(
                out,
                "B. direct to the owners, one PUT by-ref at a time",
                streams,
                s -> String.format(
                        "%.1f records/s (%.1f s)",
                        s.direct().perSecond(), s.direct().seconds()));
        row(
                out,
                "C. import job, POST to DONE",
                streams,
                s -> String.format(
                        "%.1f records/s (%.1f s)",
                        s.imported().perSecond(), s.imported().seconds()));
        row(out, "the job's own `rate`", streams, s -> String.format("%.1f rows/s", s.jobRate()));
        row(
                out,
                "ratio C / B (import / owner's own rate)",
                streams,
                s -> String.format("%.2f", s.imported().perSecond() / s.direct().perSecond()));
        row(
                out,
                "ratio C / A (import / trivial endpoint)",
                streams,
                s -> String.format(
                        "%.3f", s.imported().perSecond() / s.trivial().perSecond()));
        row(
                out,
                "ratio B / A (owner / trivial endpoint)",
                streams,
                s -> String.format("%.3f", s.direct().perSecond() / s.trivial().perSecond()));
        for (String group : streams.get(0).imported().cpuSeconds().keySet()) {
            row(
                    out,
                    "CPU s of " + group + ": B / C",
                    streams,
                    s -> String.format(
                            "%.1f / %.1f",
                            s.direct().cpuSeconds().getOrDefault(group, 0.0),
                            s.imported().cpuSeconds().getOrDefault(group, 0.0)));
        }
        row(
                out,
                "notes",
                streams,
                s -> String.join(
                        "; ",
                        List.of(s.direct().note(), s.imported().note()).stream()
                                .filter(n -> !n.isEmpty())
                                .toList()));
        System.out.println(out);
    }

    private static void row(
            StringBuilder out, String figure, List<Stream> streams, java.util.function.Function<Stream, String> cell) {
        out.append("| ")
                .append(figure)
                .append(" | ")
                .append(streams.stream().map(cell).collect(Collectors.joining(" | ")))
                .append(" |\n");
    }

    private static String describe(Stream s) {
        return String.format(
                "trivial %s, direct %.1f records/s, import %.1f records/s (job rate %.1f; %s)",
                s.trivial() == null
                        ? "-"
                        : String.format("%.0f requests/s", s.trivial().perSecond()),
                s.direct().perSecond(),
                s.imported().perSecond(),
                s.jobRate(),
                s.imported().note());
    }

    // ---------------------------------------------------------------- HTTP

    private String call(String method, String url, String token, String contentType, String body, int expected) {
        HttpResponse<String> response = send(method, url, token, contentType, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(String method, String url, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private String url(String service) {
        return stack.service(service).spec().url();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
