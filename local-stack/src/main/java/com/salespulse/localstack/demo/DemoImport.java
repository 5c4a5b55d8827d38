package com.salespulse.localstack.demo;

import com.salespulse.localstack.demo.DemoHistory.History;
import com.salespulse.localstack.demo.DemoHistory.Row;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Puts a {@link DemoHistory} into a running suite the way an integrator would: the tenant's base currency first (the
 * plans are in it; a tenant setting, not history), then every record, monthly plans included, through
 * integration-service's import API (split into files within its limits, each a job followed to its end), the
 * dismissal included, as a {@code manager-dismissal} row at its place in time.
 */
public final class DemoImport {

    /** What integration-service accepts in one file (docs/imports.md, "Limits"). */
    public static final int MAX_ROWS = 200_000;

    public static final long MAX_BYTES = 32L * 1024 * 1024;
    private static final Set<String> FINAL = Set.of("DONE", "FAILED", "CANCELLED");

    /** The three services it talks to and the head of sales' token it acts with. */
    public record Target(String leadUrl, String dealUrl, String integrationUrl, String token) {}

    /**
     * One import job as it ended.
     *
     * @param skipped rows whose card already held a later state (409 stale-change): nothing written, no failure
     */
    public record Job(
            String id, Path file, int total, int applied, int skipped, int failed, String status, double seconds) {}

    /** Everything the import did. */
    public record Summary(List<Job> jobs, double seconds) {

        public int rows() {
            return jobs.stream().mapToInt(Job::total).sum();
        }

        public int applied() {
            return jobs.stream().mapToInt(Job::applied).sum();
        }

        public int skipped() {
            return jobs.stream().mapToInt(Job::skipped).sum();
        }

        public int failed() {
            return jobs.stream().mapToInt(Job::failed).sum();
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Target target;
    private final PrintStream log;
    private final Duration pollEvery;
    private boolean baseCurrencySet;

    public DemoImport(Target target, PrintStream log, Duration pollEvery) {
        this.target = target;
        this.log = log;
        this.pollEvery = pollEvery;
    }

    /** Writes the history's import rows as NDJSON files in {@code directory}, each within the import limits. */
    public static List<Path> writeFiles(List<Row> rows, Path directory, String prefix) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            int from = 0;
            while (from < rows.size()) {
                Path file = directory.resolve(String.format("%s-%02d.ndjson", prefix, files.size() + 1));
                long bytes = 0;
                int to = from;
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    while (to < rows.size() && to - from < MAX_ROWS) {
                        String line = rows.get(to).record().toString() + "\n";
                        long size = line.getBytes(StandardCharsets.UTF_8).length;
                        if (bytes + size > MAX_BYTES) {
                            break;
                        }
                        out.write(line);
                        bytes += size;
                        to++;
                    }
                }
                files.add(file);
                from = to;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Imports the whole history: the base currency, then the files (plans and the dismissal included). */
    public Summary importHistory(History history, Path directory) {
        long started = System.nanoTime();
        List<Path> files = writeFiles(history.importRows(), directory, "demo-history");
        log.printf(
                "Importing %d records in %d file(s) from %s ...%n",
                history.importRows().size(), files.size(), directory);
        List<Job> jobs = new ArrayList<>();
        for (Path file : files) {
            jobs.add(importFile(file, false));
        }
        return new Summary(jobs, (System.nanoTime() - started) / 1e9);
    }

    /** Uploads one NDJSON file and follows the job to its end, printing its progress. */
    public Job importFile(Path file, boolean dryRun) {
        long started = System.nanoTime();
        return follow(upload(file, dryRun), file, started);
    }

    /**
     * Uploads one NDJSON file; answers the job's id. Sets the tenant's base currency first (once): deal-service
     * refuses a plan (409) until the tenant has one.
     */
    public String upload(Path file, boolean dryRun) {
        if (!baseCurrencySet) {
            call("PUT", target.dealUrl() + "/api/v1/currency/base", "{\"currency\":\"RUB\"}", 200);
            baseCurrencySet = true;
        }
        HttpResponse<String> accepted;
        try {
            accepted = send(HttpRequest.newBuilder(
                            URI.create(target.integrationUrl() + "/api/v1/imports?format=ndjson&dryRun=" + dryRun))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(
                    "The import of " + file + " was refused: " + accepted.statusCode() + " " + accepted.body());
        }
        return json(accepted.body()).getString("id");
    }

    /** The job as integration-service shows it now. */
    public JsonObject job(String id) {
        return json(call("GET", target.integrationUrl() + "/api/v1/imports/" + id, null, 200));
    }

    /** Polls a job until it ends. */
    public Job follow(String id, Path file, long startedNanos) {
        String last = "";
        while (true) {
            JsonObject job = job(id);
            String status = job.getString("status");
            String line = String.format(
                    "  %s: %s %5.1f%% (%d of %d, %d skipped, %d failed), %.0f rows/s%s%s",
                    file.getFileName(),
                    status,
                    job.getJsonNumber("percent").doubleValue(),
                    job.getInt("done"),
                    job.getInt("total"),
                    job.getInt("skipped"),
                    job.getInt("failed"),
                    job.getJsonNumber("rate").doubleValue(),
                    job.containsKey("etaSeconds")
                            ? ", about " + job.getJsonNumber("etaSeconds").longValue() + " s left"
                            : "",
                    job.containsKey("waitingReason") ? " (waiting: " + job.getString("waitingReason") + ")" : "");
            if (!line.equals(last)) {
                log.println(line);
                last = line;
            }
            if (FINAL.contains(status)) {
                if (job.getInt("failed") > 0) {
                    log.println("  refused rows (first page): "
                            + call(
                                    "GET",
                                    target.integrationUrl() + "/api/v1/imports/" + id + "/errors?page=0&size=20",
                                    null,
                                    200));
                }
                if (job.containsKey("failureReason")) {
                    log.println("  the job failed: " + job.getString("failureReason"));
                }
                return new Job(
                        id,
                        file,
                        job.getInt("total"),
                        job.getInt("applied"),
                        job.getInt("skipped"),
                        job.getInt("failed"),
                        status,
                        (System.nanoTime() - startedNanos) / 1e9);
            }
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while following import " + id, e);
            }
        }
    }

    private String call(String method, String url, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request);
        if (response.statusCode() != expected && !(expected == 200 && response.statusCode() == 201)) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.header("Authorization", "Bearer " + target.token())
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    public static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** When the history began and ended, for the summary. */
    static String span(History history) {
        Instant first = history.rows().get(0).at();
        Instant last = history.rows().get(history.rows().size() - 1).at();
        return first + " .. " + last;
    }

    static boolean isNull(JsonObject object, String key) {
        return !object.containsKey(key) || object.get(key).getValueType() == JsonValue.ValueType.NULL;
    }
}
