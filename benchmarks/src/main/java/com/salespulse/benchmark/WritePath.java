package com.salespulse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The write path of issue 16: lead intake ({@code POST /api/v1/leads}) and deal opening ({@code POST /api/v1/deals}),
 * each through REST and the outbox, measured side by side with the same service's write-path reference ({@code POST
 * /api/v1/ops/write-probe}: the token check, one Hibernate insert, one commit) at the same concurrency. Prints, per
 * line, throughput, p50/p99 and the CPU the service spent per request, and the ratio of each write to its service's
 * probe. Call {@link #measure} on a running stack with lead- and deal-service (started with
 * {@code salespulse.write-probe.enabled=true}), or {@link #main} to start one. Method and figures:
 * docs/benchmarks.md ("The write path").
 */
public final class WritePath {

    static final String LEAD = "lead-service";
    static final String DEAL = "deal-service";
    /**
     * What the services must run with for the probe to answer; and a longer wait for a database connection than the
     * default 5 s, which a service starting on a busy shared machine exceeded (Flyway's first connection).
     */
    public static final Map<String, String> SERVICE_PROPERTIES =
            Map.of("salespulse.write-probe.enabled", "true", "quarkus.datasource.jdbc.acquisition-timeout", "60S");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "write-path";
    private static final int MANAGERS = 10;

    /** The knobs, from system properties (see docs/benchmarks.md). */
    public record Settings(int clients, int warmup, int requests, Path projectRoot, Path logDirectory) {

        public static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("benchmark.write.clients", 8),
                    Integer.getInteger("benchmark.write.warmup", 1_000),
                    Integer.getInteger("benchmark.write.requests", 2_000),
                    Path.of(System.getProperty("salespulse.project-root", ".")),
                    Path.of(System.getProperty("salespulse.log-dir", "benchmarks/target/service-logs")));
        }
    }

    /** One measured line: what, how many, how long, and the service's CPU seconds over it. */
    public record Line(
            String name, int requests, double seconds, double p50Millis, double p99Millis, double cpuSeconds) {

        public double perSecond() {
            return requests / seconds;
        }

        public double cpuMillisPerRequest() {
            return cpuSeconds * 1000 / requests;
        }

        String format(Line reference) {
            String ratio = reference == null ? "" : String.format("%6.2f", perSecond() / reference.perSecond());
            return String.format(
                    "%-36s %6d %9.1f %8.1f %8.1f %8.2f %7.0f%% %6s",
                    name,
                    requests,
                    perSecond(),
                    p50Millis,
                    p99Millis,
                    cpuMillisPerRequest(),
                    100 * cpuSeconds / seconds,
                    ratio);
        }
    }

    /**
     * The four lines and the two ratios the issue targets (at least 0.5 each); the lead-service lines null when only
     * deal-service's were measured ({@code -Dbenchmark.write.only=deal}), the deal-service lines null when only
     * lead-service's were ({@code -Dbenchmark.write.only=lead}).
     */
    public record Result(Line leadProbe, Line leads, Line dealProbe, Line deals) {

        public double leadRatio() {
            return leads.perSecond() / leadProbe.perSecond();
        }

        public double dealRatio() {
            return deals.perSecond() / dealProbe.perSecond();
        }

        public List<String> table() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    "%-36s %6s %9s %8s %8s %8s %8s %6s",
                    "line", "n", "req/s", "p50 ms", "p99 ms", "cpu ms", "busy", "ratio"));
            if (leads == null) {
                lines.add(dealProbe.format(null));
                lines.add(deals.format(dealProbe));
                lines.add(String.format("write path: deal opening %.2f x its probe (target >= 0.5)", dealRatio()));
                return lines;
            }
            if (deals == null) {
                lines.add(leadProbe.format(null));
                lines.add(leads.format(leadProbe));
                lines.add(String.format("write path: lead intake %.2f x its probe (target >= 0.5)", leadRatio()));
                return lines;
            }
            lines.add(leadProbe.format(null));
            lines.add(leads.format(leadProbe));
            lines.add(dealProbe.format(null));
            lines.add(deals.format(dealProbe));
            lines.add(String.format(
                    "write path: lead intake %.2f x its probe, deal opening %.2f x its probe (target >= 0.5)",
                    leadRatio(), dealRatio()));
            return lines;
        }
    }

    private final Settings settings;
    /** -Dbenchmark.jfr=true: a JFR recording of each measured write line, summarised into target/profile/. */
    private final boolean jfr = Boolean.getBoolean("benchmark.jfr");
    /**
     * -Dbenchmark.write.only=deal: deal-service's two lines only; the clients are still created through lead intake
     * (as many as the deal line opens deals), unmeasured.
     */
    private final boolean dealOnly = "deal".equals(System.getProperty("benchmark.write.only"));
    /** -Dbenchmark.write.only=lead: lead-service's two lines only. */
    private final boolean leadOnly = "lead".equals(System.getProperty("benchmark.write.only"));

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public WritePath(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String started = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        try (LocalStack stack = LocalStack.startTemporary(
                settings.projectRoot(),
                settings.logDirectory(),
                SERVICE_PROPERTIES,
                Set.of(LEAD, DEAL),
                jvmOptions())) {
            Result result = new WritePath(settings).measure(stack);
            List<String> report = new ArrayList<>();
            report.add("Write path (issue 16), " + started + ", "
                    + Runtime.getRuntime().availableProcessors()
                    + " cores; lead- and deal-service with " + ServiceProcess.PRODUCTION_JVM_OPTIONS + "; "
                    + settings.clients() + " clients (JDK HttpClient), " + settings.warmup() + " warm-up + "
                    + settings.requests() + " measured requests per line; cpu ms: the service's CPU per request");
            report.addAll(result.table());
            report.forEach(System.out::println);
            Path file = settings.logDirectory().resolveSibling("write-path.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, report);
            System.out.println("Written to " + file);
        }
    }

    /** The production flags; with JFR, deep enough stacks to see a request from its HTTP frame down. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(ServiceProcess.PRODUCTION_JVM_OPTIONS);
        if (Boolean.getBoolean("benchmark.jfr")) {
            options.add("-XX:FlightRecorderOptions:stackdepth=256");
        }
        return options;
    }

    /** Measures the four lines on a running stack with lead- and deal-service. */
    public Result measure(LocalStack stack) throws Exception {
        ServiceProcess lead = stack.service(LEAD);
        ServiceProcess deal = stack.service(DEAL);
        String leadUrl = lead.spec().url();
        String dealUrl = deal.spec().url();
        String head = stack.tokens().head(TENANT);
        String integrator = stack.tokens().integrator(TENANT);
        String ops = stack.tokens().sign(TENANT, "ops", Set.of("ops"), null, Duration.ofHours(12));

        List<String> managers = new ArrayList<>();
        for (int i = 0; i < MANAGERS; i++) {
            managers.add(send(post(leadUrl + "/api/v1/managers", head, managerBody(i)), 201)
                    .path("id")
                    .asText());
        }
        AtomicInteger leadSeq = new AtomicInteger();
        IntFunction<HttpRequest> probeLead = i -> post(leadUrl + "/api/v1/ops/write-probe", ops, null);
        IntFunction<HttpRequest> newLead =
                i -> post(leadUrl + "/api/v1/leads", integrator, leadBody(leadSeq.getAndIncrement()));

        Line leadProbe = null;
        Line leads = null;
        if (dealOnly) {
            run(settings.warmup() + settings.requests(), newLead, 201);
        } else {
            leadProbe = line("lead-service POST /api/v1/ops/write-probe", lead, probeLead, 204);
            leads = line("lead-service POST /api/v1/leads", lead, newLead, 201);
            printCounters(lead, "salespulse_distribution");
        }
        if (leadOnly) {
            return new Result(leadProbe, leads, null, null);
        }
        // the clients intake created, for the deals to be opened for (deal-service learns them from the events)
        List<String> known = clientsOf(leadUrl, head, leadSeq.get());

        // deal-service learns the managers and clients from lead-service's events, which travel on several partitions
        // (keyed by client): the last client of one partition can be known while another partition lags behind. So
        // wait for every manager and the newest 64 clients: each partition's newest client is among them unless one
        // partition got none of 64 (p ≈ 1e-11 with the local stack's three), and a partition's clients arrive in order.
        for (int i = 0; i < managers.size(); i++) {
            awaitKnown(dealUrl, head, known.get(i % known.size()), managers.get(i));
        }
        for (String client : known.subList(Math.max(0, known.size() - 64), known.size())) {
            awaitKnown(dealUrl, head, client, managers.get(0));
        }
        AtomicInteger dealSeq = new AtomicInteger();
        IntFunction<HttpRequest> probeDeal = i -> post(dealUrl + "/api/v1/ops/write-probe", ops, null);
        IntFunction<HttpRequest> newDeal = i -> {
            int n = dealSeq.getAndIncrement();
            return post(
                    dealUrl + "/api/v1/deals",
                    head,
                    dealBody(known.get(n % known.size()), managers.get(n % managers.size()), n));
        };
        Line dealProbe = line("deal-service POST /api/v1/ops/write-probe", deal, probeDeal, 204);
        Line deals = line("deal-service POST /api/v1/deals", deal, newDeal, 201);
        return new Result(leadProbe, leads, dealProbe, deals);
    }

    /** Prints the service's counters of one family (e.g. how distribution's claims ended), warm-up included. */
    private void printCounters(ServiceProcess service, String family) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create(service.spec().managementUrl() + "/q/metrics"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        metrics.body().lines().filter(l -> l.startsWith(family)).forEach(System.out::println);
    }

    /** A warm-up, then the measured requests, from {@code clients} threads sharing one counter. */
    private Line line(String name, ServiceProcess service, IntFunction<HttpRequest> request, int status)
            throws Exception {
        run(settings.warmup(), request, status);
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
        Path directory = settings.logDirectory().resolveSibling("profile");
        if (jfr) {
            Files.createDirectories(directory);
            jcmd(service.pid(), "JFR.start", "name=" + slug, "settings=profile");
        }
        double cpuBefore = cpuSeconds(service);
        long t0 = System.nanoTime();
        long[] latencies = run(settings.requests(), request, status);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds(service) - cpuBefore;
        if (jfr) {
            Path file = directory.resolve(slug + ".jfr").toAbsolutePath();
            jcmd(service.pid(), "JFR.stop", "name=" + slug, "filename=" + file);
            Profiling.JfrSummary.of(file, directory.resolve(slug + "-jfr.txt"));
            Files.write(directory.resolve(slug + "-inclusive.txt"), inclusive(file));
        }
        Arrays.sort(latencies);
        Line line = new Line(
                name,
                settings.requests(),
                seconds,
                latencies[(int) Math.floor(0.50 * (latencies.length - 1))] / 1e6,
                latencies[(int) Math.floor(0.99 * (latencies.length - 1))] / 1e6,
                cpu);
        System.out.println(line.format(null));
        return line;
    }

    private long[] run(int count, IntFunction<HttpRequest> request, int status) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < settings.clients(); w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpRequest r = request.apply(i);
                        long t = System.nanoTime();
                        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - t;
                        if (response.statusCode() != status) {
                            throw new IllegalStateException(r.method() + " " + r.uri() + " answered "
                                    + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return latencies;
    }

    /** The clients of the tenant's leads, newest last (GET /api/v1/leads pages). */
    private List<String> clientsOf(String leadUrl, String head, int leads) throws Exception {
        List<String> clients = new ArrayList<>();
        for (int page = 0; clients.size() < leads; page++) {
            JsonNode items = send(
                            HttpRequest.newBuilder(URI.create(leadUrl + "/api/v1/leads?size=100&page=" + page))
                                    .header("Authorization", "Bearer " + head)
                                    .GET()
                                    .build(),
                            200)
                    .path("items");
            if (items.isEmpty()) {
                break;
            }
            items.forEach(item -> clients.add(item.path("clientId").asText()));
        }
        return clients;
    }

    /** Waits until deal-service opens a deal for the client (it knows the client and the manager by then). */
    private void awaitKnown(String dealUrl, String head, String client, String manager) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(
                    post(dealUrl + "/api/v1/deals", head, dealBody(client, manager, -1)),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("deal-service did not learn client " + client + ": "
                        + response.statusCode() + " " + response.body());
            }
            Thread.sleep(500);
        }
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed");
        }
    }

    /** The share of CPU samples each method is on the stack of (inclusive), the top 80: where the time goes. */
    private static List<String> inclusive(Path recording) throws IOException {
        Map<String, Long> counts = new java.util.HashMap<>();
        long samples = 0;
        try (jdk.jfr.consumer.RecordingFile file = new jdk.jfr.consumer.RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                jdk.jfr.consumer.RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                Set<String> seen = new java.util.HashSet<>();
                for (jdk.jfr.consumer.RecordedFrame frame :
                        event.getStackTrace().getFrames()) {
                    seen.add(frame.getMethod().getType().getName() + "."
                            + frame.getMethod().getName());
                }
                seen.forEach(method -> counts.merge(method, 1L, Long::sum));
            }
        }
        long total = samples;
        List<String> lines = new ArrayList<>();
        lines.add(total + " CPU samples; methods by the share of samples they are on the stack of (stacks are cut at"
                + " 256 frames)");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(200)
                .forEach(e -> lines.add(
                        String.format("%6d %5.1f %%  %s", e.getValue(), 100.0 * e.getValue() / total, e.getKey())));
        return lines;
    }

    /** The CPU the service's process has spent so far (user and system), in seconds. */
    private static double cpuSeconds(ServiceProcess service) {
        return ProcessHandle.of(service.pid())
                        .flatMap(p -> p.info().totalCpuDuration())
                        .orElseThrow(() -> new IllegalStateException(
                                "No CPU time of " + service.spec().name()))
                        .toNanos()
                / 1e9;
    }

    private JsonNode send(HttpRequest request, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static HttpRequest post(String url, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            return builder.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String managerBody(int i) {
        StringBuilder shifts = new StringBuilder();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            shifts.append(shifts.isEmpty() ? "" : ",")
                    .append("{\"day\":\"")
                    .append(day)
                    .append("\",\"start\":\"00:00\",\"end\":\"23:59\"}");
        }
        return "{\"name\":\"Manager " + i + "\",\"capacity\":10000,\"shifts\":[" + shifts + "]}";
    }

    /** A distinct lead: its own phone (Russian mobile, written as people write it) and e-mail, a campaign. */
    static String leadBody(int n) {
        String digits = String.format("%07d", n % 10_000_000);
        String phone = "+7 (9" + (10 + n / 10_000_000 % 90) + ") " + digits.substring(0, 3) + "-"
                + digits.substring(3, 5) + "-" + digits.substring(5);
        return "{\"source\":\"website\",\"channel\":\"form\",\"campaign\":\"winter\",\"clientName\":\"Client " + n
                + "\",\"phone\":\"" + phone + "\",\"email\":\"client" + n + "@example.com\","
                + "\"comment\":\"call me after six\",\"utm\":{\"source\":\"yandex\",\"medium\":\"cpc\"}}";
    }

    private static String dealBody(String client, String manager, int n) {
        return "{\"clientId\":\"" + client + "\",\"managerId\":\"" + manager + "\",\"amount\":" + (36_000 + n)
                + ",\"currency\":\"RUB\",\"source\":\"repeat\",\"expectedCloseDate\":\""
                + java.time.LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\"}";
    }
}
