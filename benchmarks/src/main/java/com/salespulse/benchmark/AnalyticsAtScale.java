package com.salespulse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.PostgresServer;
import com.salespulse.localstack.ServiceProcess;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Analytics at scale (issue 16): loads the seeded {@link ScaleDataset} into a real stack (local-stack's PostgreSQL and
 * KRaft broker, the packaged analytics-service with the production JVM flags) and prints, from one run, the floor
 * consumer, analytics' live ingest against it, freshness under a mixed load, the twelve metrics' latency on the big
 * tenant against the service's trivial endpoint, the heap after a full GC and the read-model rebuild against the
 * floor. Method and figures: docs/benchmarks.md ("Analytics at scale"). Run by {@code AnalyticsAtScaleBenchmark}.
 *
 * <p>Only analytics-service runs: lead- and deal-service would react to the generated events (a conversion opens a
 * deal), which would change the dataset the figures are of. The write path (lead intake and deal opening against a
 * minimal insert endpoint) is a later step of the issue.
 *
 * <p>The freshness phase streams at {@code -Dbenchmark.load-fraction} (0.5) of the run's own journeys rate, the
 * issue's "half the measured capacity". {@code -Dbenchmark.freshness-rate} (events/s; unset: that fraction) fixes the
 * rate instead, so an A/B of two branches measures both at the same load; the report prints the rate used.
 */
public final class AnalyticsAtScale {

    private static final String ANALYTICS = "analytics-service";
    private static final List<String> EVENT_TOPICS =
            List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS);
    private static final List<String> METRICS = List.of(
            "lead-inflow",
            "rejected-leads",
            "manager-load",
            "forgotten-cards",
            "average-check",
            "deal-cycle",
            "seasonality",
            "repeat-sales",
            "popular-products",
            "plan-forecast",
            "base-burnout",
            "dismissed-base");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The knobs, from system properties (see docs/benchmarks.md). */
    record Settings(
            double scale,
            int smallTenants,
            int smallTenantLeads,
            int leadCreations,
            int freshnessSeconds,
            int probesPerSecond,
            int readers,
            int requestsPerLine,
            int trivialRequests,
            boolean rebuild,
            Path projectRoot,
            Path logDirectory) {

        static Settings fromSystemProperties() {
            double scale = Double.parseDouble(System.getProperty("scale", "1.0"));
            return new Settings(
                    scale,
                    // 0: 1 000 × scale; the alert engine's sweep over a thousand tenants needs them at a small scale
                    // too
                    Integer.getInteger("benchmark.small-tenants", 0),
                    Integer.getInteger("benchmark.small-tenant-leads", 100),
                    // long enough that the JIT of a just-started JVM does not dominate the phase (at 10 000 it took
                    // half of analytics' CPU and the floor's figure was a one-second burst)
                    Integer.getInteger(
                            "benchmark.lead-creations", (int) Math.max(100_000, Math.round(200_000 * scale))),
                    Integer.getInteger("benchmark.freshness-seconds", 30),
                    Integer.getInteger("benchmark.probes-per-second", 20),
                    Integer.getInteger("benchmark.readers", 8),
                    Integer.getInteger("benchmark.requests", 200),
                    Integer.getInteger("benchmark.trivial-requests", 2_000),
                    Boolean.parseBoolean(System.getProperty("benchmark.rebuild", "true")),
                    Path.of(System.getProperty("salespulse.project-root", ".")),
                    Path.of(System.getProperty("salespulse.log-dir", "benchmarks/target/service-logs")));
        }
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> report = new ArrayList<>();
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    private LocalStack stack;
    private Admin kafka;
    /** Off unless -Dbenchmark.pg-stat-statements=true or -Dbenchmark.jfr=true (see {@link Profiling}). */
    private final Profiling profiling;
    /** The probes' freshness per topic and over time, and the consumer's lag (set by {@link #freshness}). */
    private String freshnessDetail = "";

    AnalyticsAtScale(Settings settings) {
        this.settings = settings;
        this.profiling = new Profiling(settings.logDirectory().resolveSibling("profile"));
    }

    public static void main(String[] args) throws Exception {
        new AnalyticsAtScale(Settings.fromSystemProperties()).run();
    }

    void run() throws Exception {
        String started = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        ZoneId zone = ZoneId.of("Europe/Moscow");
        ScaleDataset.Options options = ScaleDataset.Options.of(
                settings.scale(),
                LocalDate.now(zone).minusDays(1),
                settings.smallTenants(),
                settings.smallTenantLeads());
        long t0 = System.nanoTime();
        stack = LocalStack.startTemporary(
                settings.projectRoot(),
                settings.logDirectory(),
                extraServiceProperties(),
                Set.of(ANALYTICS),
                ServiceProcess.PRODUCTION_JVM_OPTIONS,
                postgresSettings());
        phase("start PostgreSQL, Kafka, analytics", t0);
        profiling.setUp(stack.postgres().jdbcUrl("analytics"), PostgresServer.USER);
        if (!Boolean.parseBoolean(System.getProperty("benchmark.history-triggers", "true"))) {
            disableHistoryTriggers();
        }
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            kafka = admin;
            stack.postgres().createDatabase("floor");
            FloorConsumer floor = new FloorConsumer(
                    stack.kafkaBootstrapServers(), stack.postgres().jdbcUrl("floor"), PostgresServer.USER);

            // ---- (a, b) the dataset, produced while analytics is away; the floor; analytics' live ingest of it
            double[] journeys = ingest("journeys (the scale dataset)", floor, () -> {
                ScaleDataset.Summary summary = produce(sink -> ScaleDataset.generate(options, sink));
                note(String.format(
                        "dataset: scale %s, seed %d, %d tenants, %,d events (big tenant %,d events, %,d deals), "
                                + "three years to %s",
                        settings.scale(),
                        options.seed(),
                        summary.tenants(),
                        summary.events(),
                        summary.bigTenantEvents(),
                        summary.bigTenantDeals(),
                        options.endDate()));
                note("  by type: " + summary.byType());
                return summary.events();
            });
            double[] leads = ingest(
                    "lead creations",
                    floor,
                    () -> produce(sink -> {
                        Instant now = Instant.now();
                        for (int i = 0; i < settings.leadCreations(); i++) {
                            UUID lead = UUID.randomUUID();
                            sink.accept(OutboxRecords.record(
                                    UUID.randomUUID(),
                                    now,
                                    "scale-leads",
                                    "integration:website",
                                    new LeadCreated(lead, "website", null, "Client " + i, null, null, now)));
                        }
                        return (long) settings.leadCreations();
                    }));

            // ---- (c) freshness at half the measured journeys capacity, (e) metrics while that load runs
            // the "half the measured capacity"; -Dbenchmark.load-fraction=0.25 e.g. to see whether the lag is
            // queueing (the consumer near saturation) rather than a fixed cost per probe
            double loadFraction = Double.parseDouble(System.getProperty("benchmark.load-fraction", "0.5"));
            // -Dbenchmark.freshness-rate (events/s) fixes the stream's rate instead: two branches whose journeys run
            // at different speeds are otherwise measured at different loads, and an A/B compares nothing
            double fixedRate = Double.parseDouble(System.getProperty("benchmark.freshness-rate", "0"));
            double loadRate = fixedRate > 0 ? fixedRate : journeys[1] * loadFraction;
            awaitStartUpWork();
            // -Dbenchmark.freshness-warmup-seconds: the mixed stream runs that long before the probes, so the phase
            // measures the steady state, not the queue the earlier phases left and the JIT's first minutes of the mix
            // (stop 43: in every 20-second phase the first half of the probes was the slow part)
            int warmupSeconds = Integer.getInteger("benchmark.freshness-warmup-seconds", 0);
            try (LiveLoad load = new LiveLoad(options, loadRate)) {
                if (warmupSeconds > 0) {
                    long w = System.nanoTime();
                    Thread.sleep(warmupSeconds * 1000L);
                    phase("freshness warm-up (the mixed stream alone)", w);
                }
                long t = System.nanoTime();
                long appliedBefore = applied();
                beginProfile("freshness under load");
                List<Long> freshness = freshness(settings.freshnessSeconds());
                long freshnessApplied = applied() - appliedBefore;
                List<String> freshnessProfile = profiling.end(freshnessApplied);
                phase("freshness under load", t);
                Collections.sort(freshness);
                note(String.format(
                        "(c) freshness, send → applied, under a mixed stream of the big tenant at %.0f events/s "
                                + "(%s; %.2f of the journeys' %.0f/s; %,d sent): p50 %d ms, p99 %d ms, max %d ms "
                                + "(%d of %d probes seen applied within a minute of the last send)",
                        loadRate,
                        fixedRate > 0 ? "fixed by -Dbenchmark.freshness-rate" : "the journeys' rate × load-fraction",
                        loadRate / journeys[1],
                        journeys[1],
                        load.sent.get(),
                        percentile(freshness, 50),
                        percentile(freshness, 99),
                        freshness.isEmpty() ? -1 : freshness.get(freshness.size() - 1),
                        freshness.size(),
                        settings.freshnessSeconds() * settings.probesPerSecond()));
                note(freshnessDetail);
                freshnessProfile.forEach(line -> note("      " + line));
                profiling.jitShare(freshnessApplied).ifPresent(line -> note("      " + line));
                profileCpu(freshnessApplied);
                t = System.nanoTime();
                appliedBefore = applied();
                beginProfile("metrics under load");
                metrics(zone);
                profile(applied() - appliedBefore);
                phase("metrics, 8 readers, under load", t);
                note(String.format(
                        "    (the mixed stream sent %,d events by the end of the readers)", load.sent.get()));
            }

            // ---- (f) heap after a full GC
            long t = System.nanoTime();
            note("(f) analytics heap after a full GC (jcmd GC.run, GC.heap_info): " + heapAfterGc());
            phase("heap", t);

            // ---- (d) the rebuild against the floor
            if (settings.rebuild()) {
                t = System.nanoTime();
                beginProfile("rebuild");
                long read = rebuild(journeys[0]);
                profile(read);
                phase("rebuild", t);
            }
            profiling.explainHotStatements().forEach(this::note);
            profiling.indexUse().forEach(this::note);
        } finally {
            long t = System.nanoTime();
            stack.close();
            phase("stop", t);
        }
        print(started);
    }

    // ---------------------------------------------------------------- (a, b) ingest against the floor

    interface Load {
        long produce() throws Exception;
    }

    /**
     * Stops analytics, produces a stream, reads it with the floor consumer, starts analytics again and times it
     * applying the stream: {floor events/s, analytics events/s}.
     */
    private double[] ingest(String name, FloorConsumer floor, Load load) throws Exception {
        long before = applied();
        Map<TopicPartition, Long> from = endOffsets();
        long[] events = new long[1];
        double[] floorRate = new double[1];
        long[] produceNanos = new long[1];
        long[] floorNanos = new long[1];
        Cpu[] floorCpu = new Cpu[1];
        stack.stopAndStartAfter(ANALYTICS, () -> {
            try {
                long t = System.nanoTime();
                events[0] = load.produce();
                produceNanos[0] = System.nanoTime() - t;
                t = System.nanoTime();
                Cpu cpuBefore = cpu();
                floorRate[0] = floor.rate(from, endOffsets());
                floorNanos[0] = System.nanoTime() - t;
                floorCpu[0] = cpu().minus(cpuBefore);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        phaseSeconds.put("produce " + name, produceNanos[0] / 1e9);
        phaseSeconds.put("floor consumer, " + name, floorNanos[0] / 1e9);
        long t = System.nanoTime();
        Applied applied = awaitApplied(before, events[0], "analytics applies " + name);
        List<String> profile = profiling.end(applied.events());
        profileCpu = null; // the ingest line reports its CPU itself
        phase("analytics applies " + name + " (from its start)", t);
        note(String.format(
                "(a) floor consumer, %s: %,.0f events/s over %,d events (%.1f s)",
                name, floorRate[0], events[0], floorNanos[0] / 1e9));
        note("      " + floorCpu[0].describe(floorNanos[0] / 1e9) + " (analytics stopped)");
        note(String.format(
                "(b) analytics applying %s: %,.0f events/s (%,d applied in %.1f s from its first applied batch%s); "
                        + "ratio to the floor %.3f",
                name,
                applied.rate(),
                applied.events(),
                applied.seconds(),
                applied.events() < events[0] ? ", " + (events[0] - applied.events()) + " not counted as applied" : "",
                applied.rate() / floorRate[0]));
        note(String.format(
                "      second half of the events only (a warm JVM): %,.0f events/s; ratio to the floor %.3f",
                applied.secondHalfRate(), applied.secondHalfRate() / floorRate[0]));
        profiling.jitShare(applied.events()).ifPresent(line -> note("      " + line));
        note("      " + applied.cpu().describe(applied.seconds()));
        profile.forEach(line -> note("      " + line));
        return new double[] {floorRate[0], applied.rate()};
    }

    /**
     * What analytics applied in a phase; {@code secondHalfRate} is the rate over the second half of the events only,
     * when the JVM (started cold for the phase) has compiled its hot paths — the steady state a long rebuild or a
     * running service sees.
     */
    record Applied(long events, double seconds, Cpu cpu, double secondHalfRate) {
        double rate() {
            return events / seconds;
        }
    }

    /**
     * Waits until analytics has applied {@code events} more than {@code before} (summed over the live generation's
     * tenants), or its count has not moved for 20 s with the consumer group caught up; timed from the first sample
     * with a change, so the JVM's start is not in it.
     */
    private Applied awaitApplied(long before, long events, String phase) throws Exception {
        long firstAt = 0;
        long firstCount = before;
        long lastChangeAt = System.nanoTime();
        long last = before;
        Cpu firstCpu = null;
        Cpu lastCpu = null;
        long halfAt = 0;
        long halfCount = 0;
        Progress progress = new Progress(phase, before, events);
        while (true) {
            long count = applied();
            long now = System.nanoTime();
            progress.sample(now, count);
            if (count != last) {
                if (firstAt == 0) {
                    firstAt = now;
                    firstCount = last;
                    firstCpu = cpu();
                    beginProfile(phase);
                }
                if (halfAt == 0 && count - before >= events / 2) {
                    halfAt = now;
                    halfCount = count;
                }
                lastCpu = cpu();
                last = count;
                lastChangeAt = now;
            }
            if (count - before >= events) {
                break;
            }
            if (now - lastChangeAt > 20_000_000_000L && firstAt != 0 && caughtUp()) {
                break;
            }
            if (now - lastChangeAt > 600_000_000_000L) {
                throw new IllegalStateException("analytics applied nothing for 10 minutes; see its log");
            }
            Thread.sleep(50);
        }
        double secondHalfRate = halfAt == 0 || lastChangeAt <= halfAt
                ? Double.NaN
                : (last - halfCount) / ((lastChangeAt - halfAt) / 1e9);
        return new Applied(
                last - firstCount,
                Math.max(1e-3, (lastChangeAt - firstAt) / 1e9),
                lastCpu == null ? new Cpu(0, 0, 0) : lastCpu.minus(firstCpu),
                secondHalfRate);
    }

    /**
     * A line a minute while analytics applies a long phase: the events applied in that minute, their rate and the CPU
     * of analytics and PostgreSQL per event, so a run at scale shows whether the cost per event grows with the
     * history (and how far a phase has come if it is stopped).
     */
    private final class Progress {
        private final String phase;
        private final long before;
        private final long events;
        private long at = System.nanoTime();
        private long count;
        private Cpu cpu = cpu();

        Progress(String phase, long before, long events) {
            this.phase = phase;
            this.before = before;
            this.events = events;
            this.count = before;
        }

        void sample(long now, long applied) {
            if (now - at < 60_000_000_000L) {
                return;
            }
            Cpu cpuNow = cpu();
            Cpu spent = cpuNow.minus(cpu);
            long minute = applied - count;
            System.out.printf(
                    "[progress] %s: %,d of %,d applied; the last %.0f s %,d events, %,.0f/s, CPU ms an event: "
                            + "analytics %.3f, PostgreSQL %.3f%n",
                    phase,
                    applied - before,
                    events,
                    (now - at) / 1e9,
                    minute,
                    minute / ((now - at) / 1e9),
                    minute == 0 ? 0 : spent.analytics() * 1e3 / minute,
                    minute == 0 ? 0 : spent.postgres() * 1e3 / minute);
            at = now;
            count = applied;
            cpu = cpuNow;
        }
    }

    // ---------------------------------------------------------------- (c) freshness

    /**
     * A mixed stream of the big tenant's journeys, made now, sent at a steady rate in the background (ticks of 10 ms).
     */
    private final class LiveLoad implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final Thread thread;

        LiveLoad(ScaleDataset.Options options, double rate) {
            thread = new Thread(
                    () -> {
                        try (KafkaProducer<String, byte[]> producer = producer()) {
                            List<ProducerRecord<String, byte[]>> pending = new ArrayList<>();
                            ScaleDataset.LiveJourneys journeys =
                                    new ScaleDataset.LiveJourneys(options, 20261205L, pending::add);
                            long start = System.nanoTime();
                            while (running.get()) {
                                double due = rate * (System.nanoTime() - start) / 1e9;
                                while (sent.get() < due) {
                                    if (pending.isEmpty()) {
                                        journeys.next();
                                    }
                                    producer.send(pending.remove(0));
                                    sent.incrementAndGet();
                                }
                                sleep(10);
                            }
                        }
                    },
                    "live-load");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /**
     * Probes, each the only event of one aggregate of a probe tenant of its own per topic (so a topic's probes stay in
     * one partition, in order, and the tenant's n-th applied event is the n-th probe): a contact attempt on one lead,
     * a rename of one team, a correction of one rate. A probe's freshness is from its send to the first moment the
     * tenant's {@code projection_position.events_applied} counts it, polled every 5 ms.
     */
    private List<Long> freshness(int seconds) throws Exception {
        String[] tenants = {"probe-lead", "probe-roster", "probe-deal"};
        UUID lead = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID rate = UUID.randomUUID();
        UUID probeManager = UUID.randomUUID();
        Instant setUpAt = Instant.now();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(OutboxRecords.record(
                    UUID.randomUUID(),
                    setUpAt,
                    tenants[0],
                    "user:probe",
                    new LeadCreated(lead, "website", null, "Probe", null, null, setUpAt)));
            producer.send(OutboxRecords.record(
                    UUID.randomUUID(), setUpAt, tenants[1], "user:probe", new TeamCreated(team, "Probe 0", setUpAt)));
        }
        long[] base = new long[3];
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((base[0] = applied(tenants[0])) < 1 || (base[1] = applied(tenants[1])) < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the probe tenants' first events were not applied within 60 s");
            }
            Thread.sleep(20);
        }
        List<List<Long>> sentAt = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        // {topic, probe number, ms}: per topic and over the phase, for the report's breakdown
        List<long[]> detail = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread poller = new Thread(
                () -> {
                    long[] seen = base.clone();
                    try (Connection connection = analyticsDatabase()) {
                        while (sending.get()) {
                            for (int i = 0; i < 3; i++) {
                                long count = applied(connection, tenants[i]);
                                long observed = System.nanoTime();
                                synchronized (sentAt) {
                                    for (long k = seen[i] + 1; k <= count; k++) {
                                        int probe = (int) (k - base[i] - 1);
                                        if (probe >= 0 && probe < sentAt.get(i).size()) {
                                            samples.add(
                                                    (observed - sentAt.get(i).get(probe)) / 1_000_000);
                                            detail.add(new long[] {
                                                i,
                                                probe,
                                                (observed - sentAt.get(i).get(probe)) / 1_000_000
                                            });
                                        }
                                    }
                                }
                                seen[i] = Math.max(seen[i], count);
                            }
                            sleep(5);
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "freshness-poller");
        poller.start();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long interval = 1_000_000_000L / settings.probesPerSecond();
            long next = System.nanoTime();
            int total = settings.probesPerSecond() * seconds;
            for (int n = 0; n < total; n++) {
                while (System.nanoTime() < next) {
                    sleep(1);
                }
                int topic = n % 3;
                Instant now = Instant.now();
                ProducerRecord<String, byte[]> record = switch (topic) {
                    case 0 ->
                        OutboxRecords.record(
                                UUID.randomUUID(),
                                now,
                                tenants[0],
                                "user:probe",
                                new LeadContactAttempted(
                                        lead,
                                        UUID.randomUUID(),
                                        "NO_ANSWER",
                                        n + 1,
                                        n,
                                        n + 1,
                                        false,
                                        false,
                                        false,
                                        1_000_000,
                                        null,
                                        probeManager,
                                        null,
                                        n + 2,
                                        now));
                    case 1 ->
                        OutboxRecords.record(
                                UUID.randomUUID(),
                                now,
                                tenants[1],
                                "user:probe",
                                new TeamRenamed(team, "Probe " + n, "Probe " + (n + 1), n + 2, now));
                    default ->
                        OutboxRecords.record(
                                UUID.randomUUID(),
                                now,
                                tenants[2],
                                "system:rates",
                                new ExchangeRateSet(
                                        rate,
                                        "USD",
                                        "RUB",
                                        LocalDate.now(),
                                        BigDecimal.valueOf(90 + n % 10),
                                        null,
                                        now));
                };
                synchronized (sentAt) {
                    sentAt.get(topic).add(System.nanoTime());
                }
                producer.send(record);
                next += interval;
            }
        }
        // the last probes' time to be applied: until each is seen, a minute at most
        long drain = System.nanoTime() + 60_000_000_000L;
        while (samples.size() < settings.probesPerSecond() * seconds && System.nanoTime() < drain) {
            Thread.sleep(100);
        }
        sending.set(false);
        poller.join();
        freshnessDetail = freshnessBreakdown(new ArrayList<>(detail), tenants);
        return new ArrayList<>(samples);
    }

    /**
     * The probes' freshness per topic and per quarter of the sending time (a figure that grows from quarter to
     * quarter says the consumer falls behind the load, not that each apply is slow), and the consumer group's lag.
     */
    private String freshnessBreakdown(List<long[]> detail, String[] tenants) {
        StringBuilder out =
                new StringBuilder("      freshness by probe topic (p50 / p99 ms; p50 per quarter of the sending):");
        int perTopic = settings.freshnessSeconds() * settings.probesPerSecond() / 3;
        for (int topic = 0; topic < 3; topic++) {
            int t = topic;
            List<Long> all = new ArrayList<>(
                    detail.stream().filter(d -> d[0] == t).map(d -> d[2]).toList());
            Collections.sort(all);
            out.append(String.format(
                    "%n        %-13s %6d / %6d;", tenants[topic], percentile(all, 50), percentile(all, 99)));
            for (int q = 0; q < 4; q++) {
                int quarter = q;
                List<Long> part = new ArrayList<>(detail.stream()
                        .filter(d -> d[0] == t && d[1] * 4 / Math.max(1, perTopic) == quarter)
                        .map(d -> d[2])
                        .toList());
                Collections.sort(part);
                out.append(String.format(" Q%d %d", q + 1, percentile(part, 50)));
            }
        }
        try {
            Map<TopicPartition, Long> end = endOffsets();
            var committed = kafka.listConsumerGroupOffsets(ANALYTICS)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<String, Long> lag = new java.util.TreeMap<>();
            end.forEach((partition, offset) -> {
                var c = committed.get(partition);
                lag.merge(partition.topic(), offset - (c == null ? 0 : c.offset()), Long::sum);
            });
            out.append(String.format(
                    "%n        consumer lag when the last probe was seen (records not committed): %s", lag));
        } catch (Exception e) {
            out.append(" (lag unavailable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- (e) the twelve metrics

    private void metrics(ZoneId zone) throws Exception {
        String token = stack.tokens().head(ScaleDataset.BIG_TENANT);
        String base = stack.service(ANALYTICS).spec().url() + "/api/v1/";
        YearMonth month = YearMonth.now(zone);
        String current = "month=" + month;
        String year = "from=" + month.minusMonths(11).atDay(1) + "&to=" + month.atEndOfMonth();
        // an unmeasured round first: the first call of each endpoint loads classes and compiles
        for (String metric : METRICS) {
            get(base + "metrics/" + metric + "?" + current, token);
        }
        Line trivial =
                line("GET /settings (trivial, authenticated)", base + "settings", token, settings.trivialRequests());
        note(String.format(
                "(e) metrics of the big tenant, %d concurrent readers, %d requests a line, while the mixed stream runs; "
                        + "ratio = the line's p99 / the trivial endpoint's p99",
                settings.readers(), settings.requestsPerLine()));
        note(String.format("    %-44s %9s %9s %8s  %s", "endpoint, period", "p50 ms", "p99 ms", "ratio", "answers"));
        note(trivial.format(trivial.p99()));
        for (String metric : METRICS) {
            for (String[] period : List.of(new String[] {"current month", current}, new String[] {"12 months", year})) {
                if (metric.equals("plan-forecast") && period[0].equals("12 months")) {
                    // the forecast is of one calendar month: the endpoint refuses a longer period (400 naming month)
                    note(String.format(
                            "    %-44s %9s %9s %8s  %s", metric + ", 12 months", "-", "-", "-", "one month only"));
                    continue;
                }
                Line line = line(
                        metric + ", " + period[0],
                        base + "metrics/" + metric + "?" + period[1],
                        token,
                        settings.requestsPerLine());
                note(line.format(trivial.p99()));
            }
        }
    }

    record Line(String name, List<Long> nanos, Map<Integer, Integer> statuses) {
        double p50() {
            return percentile(nanos, 50) / 1e6;
        }

        double p99() {
            return percentile(nanos, 99) / 1e6;
        }

        String format(double reference) {
            return String.format("    %-44s %9.1f %9.1f %8.1f  %s", name, p50(), p99(), p99() / reference, statuses);
        }
    }

    /** {@code requests} GETs by {@link Settings#readers} threads at once: each request's latency and the statuses. */
    private Line line(String name, String url, String token, int requests) throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new java.util.TreeMap<>());
        AtomicInteger left = new AtomicInteger(requests);
        ExecutorService readers = Executors.newFixedThreadPool(settings.readers());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < settings.readers(); r++) {
                done.add(readers.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        long t = System.nanoTime();
                        int status = get(url, token).statusCode();
                        nanos.add(System.nanoTime() - t);
                        statuses.merge(status, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            readers.shutdown();
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (!statuses.containsKey(200)) {
            System.out.println("[benchmark] " + name + " answered " + statuses + ": "
                    + get(url, token).body());
        }
        return new Line(name, sorted, new java.util.TreeMap<>(statuses));
    }

    private HttpResponse<String> get(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- (f) heap, (d) rebuild

    private String heapAfterGc() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = Long.toString(stack.service(ANALYTICS).pid());
        run(jcmd, pid, "GC.run");
        String info = run(jcmd, pid, "GC.heap_info");
        // e.g. " garbage-first heap   total 393216K, used 81234K [0x..." — the first heap line says it all
        return info.lines()
                .filter(l -> l.contains("total") && l.contains("used"))
                .findFirst()
                .orElse(info)
                .trim();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    private long rebuild(double floorRate) throws Exception {
        String token = stack.tokens().ops();
        String url = stack.service(ANALYTICS).spec().url() + "/api/v1/read-model/rebuild";
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST rebuild answered " + started.statusCode() + ": " + started.body());
        }
        long t = System.nanoTime();
        Cpu before = cpu();
        JsonNode progress;
        long lastProgressAt = t;
        while (true) {
            Thread.sleep(1000);
            progress = JSON.readTree(get(url, token).body());
            String state = progress.path("state").asText();
            if (System.nanoTime() - lastProgressAt >= 60_000_000_000L) {
                lastProgressAt = System.nanoTime();
                System.out.printf(
                        "[progress] rebuild: %s, %,d events read after %.0f s%n",
                        state, progress.path("eventsRead").asLong(), (lastProgressAt - t) / 1e9);
            }
            if (state.equals("DONE") || state.equals("FAILED")) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        long read = progress.path("eventsRead").asLong();
        note(String.format(
                "(d) rebuild: %s, %,d events read (%,d applied, %,d skipped) in %.1f s: %,.0f events/s; "
                        + "ratio to the floor (dataset) %.3f",
                progress.path("state").asText(),
                read,
                progress.path("eventsApplied").asLong(),
                progress.path("eventsSkipped").asLong(),
                seconds,
                read / seconds,
                read / seconds / floorRate));
        note("      " + cpu().minus(before).describe(seconds));
        return read;
    }

    // ---------------------------------------------------------------- Kafka and PostgreSQL

    private interface Producing {
        Object produce(java.util.function.Consumer<ProducerRecord<String, byte[]>> sink) throws Exception;
    }

    /** Produces what {@code generator} makes, waits for every acknowledgement, and returns what it returned. */
    @SuppressWarnings("unchecked")
    private <T> T produce(Producing generator) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Object result = generator.produce(producer::send);
            producer.flush();
            return (T) result;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        // as the outbox relay's producer (OutboxProducerFactory), with bigger batches for the bulk load
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private Map<TopicPartition, Long> endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            kafka.describeTopics(EVENT_TOPICS)
                    .allTopicNames()
                    .get()
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            kafka.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the topics' end offsets", e);
        }
    }

    /** Whether analytics' consumer group has committed every record of the event topics. */
    private boolean caughtUp() throws Exception {
        Map<TopicPartition, Long> end = endOffsets();
        var committed = kafka.listConsumerGroupOffsets(ANALYTICS)
                .partitionsToOffsetAndMetadata()
                .get();
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            var offset = committed.get(partition.getKey());
            if (partition.getValue() > 0 && (offset == null || offset.offset() < partition.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for the one-off work analytics does a minute after it starts, so that the live phases measure a running
     * instance: the forecast snapshots' first round ({@code ForecastSnapshots}, {@code delayed = 1m}) keeps every working
     * day of the last three months that has no snapshot yet, which on the just-loaded read model is all of them. In the
     * run of 5 Dec 2026, 06:52 UTC it fell into the freshness phase and took 58 % of the application's CPU samples
     * there; on 7 Dec at scale 1 a wait for the snapshots' count to stand still for 10 s ended while the round worked on
     * the big tenant, and it wrote 90 000 more snapshots in the freshness and metrics phases (about 400 s of the
     * metrics phase's statements). Done when the service counts its first round over every tenant ({@code
     * salespulse_forecast_snapshots_rounds_total}); at most 30 minutes.
     */
    private void awaitStartUpWork() throws Exception {
        long t = System.nanoTime();
        String managementUrl = stack.service(ANALYTICS).spec().managementUrl();
        while (true) {
            double rounds = 0;
            for (String line : Profiling.metricsPage(http, managementUrl).split("\n")) {
                if (line.startsWith("salespulse_forecast_snapshots_rounds_total")) {
                    rounds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            long now = System.nanoTime();
            if (rounds >= 1 || now - t >= Duration.ofMinutes(30).toNanos()) {
                long rows;
                try (Connection connection = analyticsDatabase();
                        var statement = connection.prepareStatement("select count(*) from forecast_snapshot");
                        var rs = statement.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                note(String.format(
                        "  waited %.1f s before the live phases for analytics' start-up work (the forecast snapshots' "
                                + "first round %s: %,d snapshots)",
                        (now - t) / 1e9, rounds >= 1 ? "done" : "NOT done after 30 minutes", rows));
                phase("wait for analytics' start-up work", t);
                return;
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Benchmark only (-Dbenchmark.history-triggers=false): switches off the triggers that write the cards' and tasks'
     * history (migration V2026_12_12_40), to measure what they cost the ingest. The metrics' "as of" answers are wrong
     * afterwards; a production database never runs without them.
     */
    private void disableHistoryTriggers() throws SQLException {
        try (Connection connection = analyticsDatabase();
                Statement statement = connection.createStatement()) {
            // the per-row triggers of V2026_12_12_40 or the per-statement ones of V2026_12_13_20, whichever exist
            List<String> disabled = new ArrayList<>();
            try (ResultSet triggers = statement.executeQuery("select c.relname, t.tgname from pg_trigger t"
                    + " join pg_class c on c.oid = t.tgrelid where not t.tgisinternal"
                    + " and c.relname in ('lead_fact', 'deal_fact', 'task_fact') and t.tgname like '%\\_history%'")) {
                while (triggers.next()) {
                    disabled.add(triggers.getString(1) + "." + triggers.getString(2));
                }
            }
            for (String trigger : disabled) {
                String[] parts = trigger.split("\\.");
                statement.execute("alter table " + parts[0] + " disable trigger " + parts[1]);
            }
            note("history triggers DISABLED for this run: " + disabled);
        }
    }

    private Connection analyticsDatabase() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl("analytics"), PostgresServer.USER, "");
    }

    /** Events the live generation has applied, over every tenant. */
    private long applied() throws SQLException {
        try (Connection connection = analyticsDatabase()) {
            return applied(connection, null);
        }
    }

    private long applied(String tenant) throws SQLException {
        try (Connection connection = analyticsDatabase()) {
            return applied(connection, tenant);
        }
    }

    private static long applied(Connection connection, String tenant) throws SQLException {
        String sql = "select coalesce(sum(events_applied), 0) from projection_position"
                + " where gen = (select live_gen from read_model_generation)"
                + (tenant == null ? "" : " and tenant_id = ?");
        try (var statement = connection.prepareStatement(sql)) {
            if (tenant != null) {
                statement.setString(1, tenant);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * {@code -Dbenchmark.analytics-properties=key=value,key=value}: extra configuration for analytics-service, for an
     * experiment (e.g. {@code salespulse.alerts.changed-tick=1h,salespulse.alerts.evaluate-every=1h} to see ingest
     * without the alert engine). Empty by default; the report names what was set.
     */
    private Map<String, String> extraServiceProperties() {
        Map<String, String> properties = keyValues("benchmark.analytics-properties");
        if (!properties.isEmpty()) {
            note("analytics-service started with the extra properties " + properties);
        }
        return properties;
    }

    /** A system property of the form {@code key=value,key=value}, in order; empty when unset. */
    private static Map<String, String> keyValues(String property) {
        String spec = System.getProperty(property, "").trim();
        Map<String, String> values = new LinkedHashMap<>();
        if (!spec.isEmpty()) {
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return values;
    }

    /**
     * PostgreSQL's server settings: what profiling needs, plus {@code -Dbenchmark.postgres-settings=key=value,...}
     * (e.g. {@code shared_buffers=4GB,work_mem=64MB,effective_cache_size=12GB}) to measure the read model on a server
     * sized for its data rather than at PostgreSQL's defaults (128 MB of buffers: at scale 1 every large read was a
     * buffer-eviction contest). Empty by default; the report names what was set.
     */
    private Map<String, String> postgresSettings() {
        Map<String, String> settings = new LinkedHashMap<>(profiling.postgresConfig());
        Map<String, String> given = keyValues("benchmark.postgres-settings");
        if (!given.isEmpty()) {
            settings.putAll(given);
            note("PostgreSQL started with the settings " + given);
        }
        return settings;
    }

    // ---------------------------------------------------------------- profiling (off by default)

    private Cpu profileCpu;
    private long profileStarted;

    private void beginProfile(String phase) {
        if (profiling.enabled()) {
            profileCpu = cpu();
            profileStarted = System.nanoTime();
            profiling.begin(
                    phase,
                    stack.service(ANALYTICS).pid(),
                    stack.service(ANALYTICS).spec().managementUrl());
        }
    }

    /** Ends the phase's profile and adds it to the report. */
    private void profile(long events) {
        profiling.end(events).forEach(line -> note("      " + line));
        profiling.jitShare(events).ifPresent(line -> note("      " + line));
        profileCpu(events);
    }

    /** The CPU of the phase profiled last, per event. */
    private void profileCpu(long events) {
        if (profiling.enabled() && profileCpu != null) {
            Cpu used = cpu().minus(profileCpu);
            double seconds = (System.nanoTime() - profileStarted) / 1e9;
            note(String.format(
                    "        %s; per applied event: analytics %.2f ms, PostgreSQL %.2f ms",
                    used.describe(seconds),
                    events > 0 ? used.analytics() * 1000 / events : 0,
                    events > 0 ? used.postgres() * 1000 / events : 0));
            profileCpu = null;
        }
    }

    // ---------------------------------------------------------------- CPU

    /** CPU seconds so far of analytics, the PostgreSQL processes and this JVM (the broker, producers, floor). */
    record Cpu(double analytics, double postgres, double benchmark) {
        Cpu minus(Cpu before) {
            return new Cpu(analytics - before.analytics, postgres - before.postgres, benchmark - before.benchmark);
        }

        String describe(double seconds) {
            return String.format(
                    "CPU s of %.1f s × 2 cores: analytics %.1f, PostgreSQL %.1f, benchmark JVM with the broker %.1f",
                    seconds, analytics, postgres, benchmark);
        }
    }

    /** The stack's postmaster, found once by its port: other PostgreSQL servers on the machine are not ours. */
    private long postmaster;

    /**
     * CPU s of the stack's PostgreSQL: its postmaster's own and its exited children's ({@code cutime}, {@code cstime}:
     * backends the pool closed), plus its live children's. Counting every {@code postgres} process, as before, took in
     * the servers of whatever else ran on the machine and lost the backends that ended within a phase (negative
     * figures on a shared machine, 5 Dec 2026).
     */
    private double postgresCpu() {
        if (postmaster == 0) {
            String url = stack.postgres().jdbcUrl("analytics");
            String port = url.replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1");
            postmaster = processes()
                    .filter(pid -> {
                        try {
                            String command = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
                            return command.contains("postgres") && command.contains("-p\0" + port + "\0");
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    })
                    .findFirst()
                    .orElse(-1L);
        }
        if (postmaster < 0) {
            return 0;
        }
        double seconds = 0;
        for (long pid : processes().toArray()) {
            String[] fields = stat(pid);
            if (fields == null) {
                continue;
            }
            if (pid == postmaster) {
                // utime, stime, cutime, cstime (fields 14–17 of /proc/pid/stat)
                seconds += (Long.parseLong(fields[11])
                                + Long.parseLong(fields[12])
                                + Long.parseLong(fields[13])
                                + Long.parseLong(fields[14]))
                        / 100.0;
            } else if (Long.parseLong(fields[1]) == postmaster) {
                seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            }
        }
        return seconds;
    }

    private static java.util.stream.LongStream processes() {
        java.io.File[] all =
                new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        return java.util.Arrays.stream(all == null ? new java.io.File[0] : all)
                .mapToLong(file -> Long.parseLong(file.getName()));
    }

    /** The fields of /proc/pid/stat after the command's name (state first), or null when the process has ended. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private Cpu cpu() {
        double analytics = ProcessHandle.of(stack.service(ANALYTICS).pid())
                .flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9)
                .orElse(0.0);
        double benchmark = ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        double postgres = postgresCpu();
        return new Cpu(analytics, postgres, benchmark);
    }

    // ---------------------------------------------------------------- the report

    /**
     * A line of the report: kept for the end and printed at once, so a long run (scale 0.1 and up) stopped before its
     * end still shows the figures of the phases it finished.
     */
    private void note(String line) {
        report.add(line);
        System.out.println("[report] " + line);
    }

    private void phase(String name, long startNanos) {
        phaseSeconds.put(name, (System.nanoTime() - startNanos) / 1e9);
        System.out.printf("[benchmark] %s: %.1f s%n", name, phaseSeconds.get(name));
    }

    private void print(String started) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%nANALYTICS AT SCALE (issue 16), started %s; analytics-service with %s%n",
                started, String.join(" ", ServiceProcess.PRODUCTION_JVM_OPTIONS)));
        report.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("  write path (lead intake, deal opening vs a minimal insert endpoint): not measured here, a later "
                + "step of issue 16\n");
        out.append("  time per phase:\n");
        phaseSeconds.forEach((name, seconds) -> out.append(String.format("    %-60s %8.1f s%n", name, seconds)));
        System.out.println(out);
        try {
            Path file = settings.logDirectory().resolveSibling("analytics-at-scale.txt");
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            System.out.println("(could not write the report file: " + e.getMessage() + ")");
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
