package com.salespulse.localstack;

import com.salespulse.localstack.demo.DemoHistory;
import com.salespulse.localstack.demo.DemoImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole suite on one machine: PostgreSQL, a Kafka broker (embedded, no Docker needed; or as containers with
 * {@code --containers}), then the five packaged services. {@link #main} is the README's run command; the system tests
 * start the same stack on temporary embedded infrastructure.
 */
public final class LocalStack implements AutoCloseable {

    public static final int POSTGRES_PORT = 15432;
    public static final int KAFKA_PORT = 19092;
    public static final int KAFKA_CONTROLLER_PORT = 19093;
    /**
     * How long a service may take to report ready. A service that exits fails at once; the wait only bounds one that
     * hangs. Five services starting together on a busy 2-core machine (a build or a benchmark beside them) took more
     * than three minutes, so the bound is five.
     */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private PostgresServer postgres;
    private KafkaServer kafka;
    /** Set on a restartable stack ({@link #startRestartable}): what brings PostgreSQL and Kafka back as they were. */
    private Path postgresDirectory;

    private Path kafkaDirectory;
    private int kafkaPort;
    private int kafkaControllerPort;
    /** The ports the services reach PostgreSQL and Kafka on, when a {@link Detour} puts something in between. */
    private int servicePostgresPort;

    private int serviceKafkaPort;
    private int kafkaServiceListenerPort;
    private final DevTokens tokens;
    private final List<ServiceProcess> services = new ArrayList<>();
    private List<ServiceSpec> specs = List.of();
    private Path projectRoot;
    /** The extra properties the services were started with, kept for a restart. */
    private Map<String, String> startProperties = Map.of();
    /** The JVM options every service is started (and restarted) with. */
    private List<String> jvmOptions = ServiceProcess.LOCAL_RUN_JVM_OPTIONS;

    private LocalStack(PostgresServer postgres, KafkaServer kafka, DevTokens tokens) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.tokens = tokens;
    }

    /**
     * Starts the stack that keeps its data in {@code stateDirectory} (database files, broker logs, service logs),
     * on the documented ports.
     */
    public static LocalStack startPersistent(Path projectRoot, Path stateDirectory) {
        return startPersistent(projectRoot, stateDirectory, StackSelection.Kind.EMBEDDED);
    }

    /**
     * As {@link #startPersistent(Path, Path)}; with {@link StackSelection.Kind#CONTAINERS} PostgreSQL and Kafka run as
     * throwaway containers on free ports instead (their data goes with them; service logs and dev keys stay in
     * {@code stateDirectory}).
     */
    public static LocalStack startPersistent(Path projectRoot, Path stateDirectory, StackSelection.Kind kind) {
        PostgresServer postgres;
        KafkaServer kafka;
        if (kind == StackSelection.Kind.CONTAINERS) {
            postgres = PostgresServer.startContainer();
            kafka = KafkaServer.startContainer(3);
        } else {
            postgres = PostgresServer.start(POSTGRES_PORT, stateDirectory.resolve("postgres"));
            kafka = KafkaServer.start(KAFKA_PORT, KAFKA_CONTROLLER_PORT, stateDirectory.resolve("kafka"), 3);
        }
        LocalStack stack = new LocalStack(postgres, kafka, DevTokens.inDirectory(stateDirectory.resolve("dev-keys")));
        stack.startServices(projectRoot, ServiceSpec.defaults(), stateDirectory.resolve("logs"), Map.of());
        return stack;
    }

    /** Starts the stack on temporary infrastructure and free ports, for tests. */
    public static LocalStack startTemporary(Path projectRoot, Path logDirectory, Map<String, String> extraProperties) {
        PostgresServer postgres = PostgresServer.startTemporary();
        KafkaServer kafka = KafkaServer.startTemporary(3);
        DevTokens tokens;
        try {
            tokens = DevTokens.inDirectory(Files.createTempDirectory("salespulse-dev-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = new LocalStack(postgres, kafka, tokens);
        List<ServiceSpec> specs = ServiceSpec.defaults().stream()
                .map(spec -> spec.withPorts(freePort(), freePort()))
                .toList();
        stack.startServices(projectRoot, specs, logDirectory, withoutRateLimits(extraProperties));
        return stack;
    }

    /**
     * As {@link #startTemporary(Path, Path, Map)}, but PostgreSQL and Kafka keep their data in temporary folders on
     * fixed ports, so that a fault test can stop either and start it again with its data ({@link #stopPostgres()},
     * {@link #startPostgres()}, {@link #stopKafka()}, {@link #startKafka()}).
     */
    public static LocalStack startRestartable(
            Path projectRoot, Path logDirectory, Map<String, String> extraProperties) {
        return startRestartable(projectRoot, logDirectory, extraProperties, Detour.NONE);
    }

    /**
     * Puts something between the services and their infrastructure (a fault test's TCP proxy): told the port a
     * service would use, it answers the port the services use instead; the test itself keeps the direct ports
     * ({@link #postgres()}, {@link #kafkaBootstrapServers()}).
     */
    @FunctionalInterface
    public interface Detour {
        Detour NONE = (what, port) -> port;

        /**
         * @param what {@code postgres} or {@code kafka}
         * @param port the port on localhost the services would use
         * @return the port on localhost they use instead; called once each, before the broker and the services start
         */
        int via(String what, int port);
    }

    /**
     * As {@link #startRestartable(Path, Path, Map)}, with the services reaching PostgreSQL and Kafka through the
     * detour. Kafka then has a second listener, advertised at the detour's port, so that a client that bootstrapped
     * through the detour also reaches the broker through it.
     */
    public static LocalStack startRestartable(
            Path projectRoot, Path logDirectory, Map<String, String> extraProperties, Detour detour) {
        Path postgresDirectory;
        Path kafkaDirectory;
        DevTokens tokens;
        try {
            postgresDirectory = Files.createTempDirectory("salespulse-postgres");
            kafkaDirectory = Files.createTempDirectory("salespulse-kafka");
            tokens = DevTokens.inDirectory(Files.createTempDirectory("salespulse-dev-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int kafkaPort = freePort();
        int kafkaControllerPort = freePort();
        int kafkaServiceListenerPort = detour == Detour.NONE ? 0 : freePort();
        int serviceKafkaPort = detour == Detour.NONE ? 0 : detour.via("kafka", kafkaServiceListenerPort);
        PostgresServer postgres = PostgresServer.startRestartable(freePort(), postgresDirectory);
        KafkaServer kafka = KafkaServer.start(
                kafkaPort, kafkaControllerPort, kafkaDirectory, 3, kafkaServiceListenerPort, serviceKafkaPort);
        LocalStack stack = new LocalStack(postgres, kafka, tokens);
        stack.postgresDirectory = postgresDirectory;
        stack.kafkaDirectory = kafkaDirectory;
        stack.kafkaPort = kafkaPort;
        stack.kafkaControllerPort = kafkaControllerPort;
        stack.kafkaServiceListenerPort = kafkaServiceListenerPort;
        stack.serviceKafkaPort = serviceKafkaPort;
        stack.servicePostgresPort = detour == Detour.NONE ? 0 : detour.via("postgres", postgres.port());
        List<ServiceSpec> specs = ServiceSpec.defaults().stream()
                .map(spec -> spec.withPorts(freePort(), freePort()))
                .toList();
        stack.startServices(projectRoot, specs, logDirectory, withoutRateLimits(extraProperties));
        return stack;
    }

    /** Stops PostgreSQL (pg_ctl, fast mode: open sessions are cut); its data stays. Restartable stacks only. */
    public synchronized void stopPostgres() {
        requireRestartable();
        postgres.close();
    }

    /** Starts PostgreSQL again on its port with its data. */
    public synchronized void startPostgres() {
        requireRestartable();
        postgres = PostgresServer.startRestartable(postgres.port(), postgresDirectory);
    }

    /** Stops the Kafka broker at once; its log stays. Restartable stacks only. */
    public synchronized void stopKafka() {
        requireRestartable();
        kafka.close();
    }

    /** Starts the Kafka broker again on its ports with its log. */
    public synchronized void startKafka() {
        requireRestartable();
        kafka = KafkaServer.start(
                kafkaPort, kafkaControllerPort, kafkaDirectory, 3, kafkaServiceListenerPort, serviceKafkaPort);
    }

    private void requireRestartable() {
        if (postgresDirectory == null) {
            throw new IllegalStateException("only a stack started with startRestartable can stop its infrastructure");
        }
    }

    /**
     * Starts a second instance of a running service (same database, same consumer groups) on free ports, with the
     * stack's properties and the given ones; the caller closes it.
     */
    public ServiceProcess startSecondInstance(String name, Map<String, String> extraProperties) {
        ServiceProcess first = service(name);
        ServiceSpec spec = first.spec().withPorts(freePort(), freePort());
        ServiceProcess second =
                new ServiceProcess(spec, first.logFile().resolveSibling(name + "-2.log"), first.jvmOptions());
        Map<String, String> properties = new LinkedHashMap<>(startProperties);
        properties.putAll(extraProperties);
        second.start(projectRoot, serviceProperties(spec, properties));
        second.awaitReady(READY_TIMEOUT);
        return second;
    }

    /**
     * Starts the stack on temporary infrastructure and free ports with only the named services, each started with
     * {@code jvmOptions} (e.g. {@link ServiceProcess#PRODUCTION_JVM_OPTIONS}), for a benchmark that must not have
     * the other services react to the events it produces.
     */
    public static LocalStack startTemporary(
            Path projectRoot,
            Path logDirectory,
            Map<String, String> extraProperties,
            java.util.Set<String> serviceNames,
            List<String> jvmOptions) {
        return startTemporary(projectRoot, logDirectory, extraProperties, serviceNames, jvmOptions, Map.of());
    }

    /**
     * As {@link #startTemporary(Path, Path, Map, java.util.Set, List)}, with extra PostgreSQL server settings (e.g.
     * {@code shared_preload_libraries=pg_stat_statements} for a benchmark that profiles the statements).
     */
    public static LocalStack startTemporary(
            Path projectRoot,
            Path logDirectory,
            Map<String, String> extraProperties,
            java.util.Set<String> serviceNames,
            List<String> jvmOptions,
            Map<String, String> postgresConfig) {
        PostgresServer postgres = PostgresServer.startTemporary(postgresConfig);
        KafkaServer kafka = KafkaServer.startTemporary(3);
        DevTokens tokens;
        try {
            tokens = DevTokens.inDirectory(Files.createTempDirectory("salespulse-dev-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = new LocalStack(postgres, kafka, tokens);
        stack.jvmOptions = List.copyOf(jvmOptions);
        List<ServiceSpec> specs = ServiceSpec.defaults().stream()
                .filter(spec -> serviceNames.contains(spec.name()))
                .map(spec -> spec.withPorts(freePort(), freePort()))
                .toList();
        stack.startServices(projectRoot, specs, logDirectory, withoutRateLimits(extraProperties));
        return stack;
    }

    /**
     * A temporary stack serves tests and benchmarks, which send requests far faster than people do and measure the
     * services, not their rate limits: the limits are off unless the caller's properties switch them on.
     */
    private static Map<String, String> withoutRateLimits(Map<String, String> extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("salespulse.rate-limit.enabled", "false");
        properties.putAll(extraProperties);
        return properties;
    }

    private void startServices(
            Path projectRoot, List<ServiceSpec> specs, Path logDirectory, Map<String, String> extra) {
        this.projectRoot = projectRoot;
        this.startProperties = Map.copyOf(extra);
        this.specs = List.copyOf(specs);
        try {
            for (ServiceSpec spec : specs) {
                postgres.createDatabase(spec.database());
                ServiceProcess process =
                        new ServiceProcess(spec, logDirectory.resolve(spec.name() + ".log"), jvmOptions);
                process.start(projectRoot, serviceProperties(spec, extra));
                services.add(process);
            }
            for (ServiceProcess process : services) {
                process.awaitReady(READY_TIMEOUT);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Map<String, String> serviceProperties(ServiceSpec spec, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(
                "quarkus.datasource.jdbc.url",
                servicePostgresPort == 0
                        ? postgres.jdbcUrl(spec.database())
                        : "jdbc:postgresql://localhost:" + servicePostgresPort + "/" + spec.database());
        properties.put("quarkus.datasource.username", PostgresServer.USER);
        properties.put(
                "kafka.bootstrap.servers",
                serviceKafkaPort == 0 ? kafka.bootstrapServers() : "localhost:" + serviceKafkaPort);
        properties.put(
                "mp.jwt.verify.publickey.location",
                tokens.publicKeyFile().toAbsolutePath().toString());
        properties.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        if (spec.name().equals("integration-service")) {
            // it signs short-lived integrator tokens for the owners with the key the dev tokens are signed with
            properties.put(
                    "smallrye.jwt.sign.key.location",
                    tokens.privateKeyFile().toAbsolutePath().toString());
            properties.put("salespulse.owners.lead-url", spec("lead-service").url());
            properties.put("salespulse.owners.deal-url", spec("deal-service").url());
        }
        properties.putAll(extra);
        return properties;
    }

    /**
     * Kills a service at once (SIGKILL, as a crash would), starts it again with the extra properties the stack
     * started with, overridden by the given ones, and waits until it is ready.
     */
    public ServiceProcess killAndRestart(String name, Map<String, String> extraProperties) {
        ServiceProcess fresh = killAndStart(name, extraProperties);
        fresh.awaitReady(READY_TIMEOUT);
        return fresh;
    }

    /**
     * Like {@link #killAndRestart} but waits only until the service is alive: for a service started with a
     * dependency deliberately out of reach, which keeps it from being ready.
     */
    public ServiceProcess killAndRestartUnready(String name, Map<String, String> extraProperties) {
        ServiceProcess fresh = killAndStart(name, extraProperties);
        fresh.awaitLive(READY_TIMEOUT);
        return fresh;
    }

    /**
     * Stops a service gracefully (SIGTERM), runs {@code whileStopped}, then starts it again with the properties the
     * stack started with and returns at once, without waiting until it is ready: e.g. for a benchmark that loads a
     * topic while its consumer is away and times the consumer from its start.
     */
    public ServiceProcess stopAndStartAfter(String name, Runnable whileStopped) {
        ServiceProcess old = service(name);
        old.close();
        whileStopped.run();
        ServiceProcess fresh = new ServiceProcess(old.spec(), old.logFile(), old.jvmOptions());
        fresh.start(projectRoot, serviceProperties(old.spec(), startProperties));
        services.set(services.indexOf(old), fresh);
        return fresh;
    }

    private ServiceProcess killAndStart(String name, Map<String, String> extraProperties) {
        ServiceProcess old = service(name);
        old.kill();
        ServiceProcess fresh = new ServiceProcess(old.spec(), old.logFile(), old.jvmOptions());
        Map<String, String> properties = new LinkedHashMap<>(startProperties);
        properties.putAll(extraProperties);
        fresh.start(projectRoot, serviceProperties(old.spec(), properties));
        services.set(services.indexOf(old), fresh);
        return fresh;
    }

    private ServiceSpec spec(String name) {
        return specs.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    public ServiceProcess service(String name) {
        return services.stream()
                .filter(s -> s.spec().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Signs tokens the running services accept. */
    public DevTokens tokens() {
        return tokens;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        // signal all first, so the services shut down side by side, then wait for each
        services.forEach(ServiceProcess::requestStop);
        services.forEach(ServiceProcess::close);
        kafka.close();
        postgres.close();
    }

    /**
     * The ports {@link #freePort} handed out in this JVM, never handed out again: a port is free only until its
     * process binds it, and the stack draws a dozen (PostgreSQL, Kafka, two a service) before the services bind theirs,
     * so without this two draws could name the same port and the second service to bind it would exit at start-up.
     */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now, below Linux's ephemeral range (32768 and up): a port the system hands out for the stack's own
     * outgoing connections (PostgreSQL, Kafka) could be taken between this choice and the service binding it. Never one
     * this JVM handed out before ({@link #HANDED_OUT}).
     */
    static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another one
            }
        }
        throw new UncheckedIOException(new IOException("No free port between 20000 and 32000"));
    }

    /** The tenant the run command prints tokens for. */
    public static final String DEMO_TENANT = "demo";
    /** The manager id on the demo manager's token. */
    public static final java.util.UUID DEMO_MANAGER = java.util.UUID.fromString("7d0b1a2c-0000-4000-8000-000000000001");

    /**
     * The link that signs a browser tab in to the dashboard with a dev token: the token rides in the fragment, which
     * the browser never sends to the server; the page keeps it in the tab's sessionStorage and takes it out of the
     * address bar.
     */
    static String dashboardLink(String analyticsUrl, String headToken) {
        return analyticsUrl + "/dashboard/#token=" + headToken;
    }

    private static Path writeDemoTokens(DevTokens tokens, Path file) {
        String content = "# Dev tokens for the local run, regenerated at every start. Not secrets of any real system.\n"
                + "export HEAD_TOKEN=" + tokens.head(DEMO_TENANT) + "\n"
                + "export MANAGER_TOKEN=" + tokens.manager(DEMO_TENANT, DEMO_MANAGER) + "\n"
                + "export INTEGRATOR_TOKEN=" + tokens.integrator(DEMO_TENANT) + "\n"
                // ops: health, metrics and the analytics read-model rebuild (POST /api/v1/read-model/rebuild)
                + "export OPS_TOKEN=" + tokens.ops() + "\n";
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The scale {@code --demo} uses without one: a fiftieth of the full department's two years (about 6 800
     * records), which imported in four and a half minutes on a busy two-core machine (docs/benchmarks.md).
     */
    public static final double DEFAULT_DEMO_SCALE = 0.02;

    /** {@code --demo}: the generated history of the tenant {@value #DEMO_TENANT} through the import API. */
    private static void demo(LocalStack stack, Path root, Path state, double scale) {
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Moscow");
        java.time.LocalDate yesterday = java.time.LocalDate.now(zone).minusDays(1);
        DemoHistory.Options defaults = DemoHistory.Options.full(yesterday);
        DemoHistory.History history =
                DemoHistory.generate(new DemoHistory.Options(defaults.seed(), yesterday, scale, zone));
        System.out.printf(
                "%nDemo history (scale %s, two years up to %s, seed %d): %s%n",
                scale, yesterday, defaults.seed(), new java.util.TreeMap<>(history.counts()));
        DemoImport.Target target = new DemoImport.Target(
                stack.service("lead-service").spec().url(),
                stack.service("deal-service").spec().url(),
                stack.service("integration-service").spec().url(),
                stack.tokens().head(DEMO_TENANT));
        DemoImport.Summary summary =
                new DemoImport(target, System.out, Duration.ofSeconds(2)).importHistory(history, state.resolve("demo"));
        System.out.printf(
                "%nDemo import done in %.0f s: %d records in %d job(s), %d applied, %d skipped (already "
                        + "in a later state), %d failed.%n",
                summary.seconds(),
                summary.rows(),
                summary.jobs().size(),
                summary.applied(),
                summary.skipped(),
                summary.failed());
        String from = yesterday.minusDays(90).toString();
        // the last whole month: figures of a few days are thin
        java.time.YearMonth last = java.time.YearMonth.from(yesterday).minusMonths(1);
        String month = last.atDay(1).toString();
        String monthEnd = last.atEndOfMonth().toString();
        System.out.println("Look at it as the head of sales (source " + root.relativize(state.resolve("dev-tokens.env"))
                + " first, HEAD_TOKEN):");
        String analytics = stack.service("analytics-service").spec().url() + "/api/v1/metrics/";
        for (String query : List.of(
                "seasonality?from=" + month + "&to=" + monthEnd,
                "deal-cycle?from=" + month + "&to=" + monthEnd,
                "repeat-sales?from=" + month + "&to=" + monthEnd,
                "lead-inflow?from=" + month + "&to=" + monthEnd,
                "plan-forecast?month=" + last,
                "dismissed-base?from=" + from + "&to=" + yesterday)) {
            System.out.println("  curl -s -H \"Authorization: Bearer $HEAD_TOKEN\" '" + analytics + query + "'");
        }
        if (summary.failed() > 0) {
            System.out.println("Some rows were refused: GET " + target.integrationUrl()
                    + "/api/v1/imports/<id>/errors lists them.");
        }
    }

    /** The README's run command. Ctrl-C stops everything it started; the data stays in {@code .local/}. */
    public static void main(String[] args) throws InterruptedException {
        Double demoScale = null;
        StackSelection.Request asked = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--demo")) {
                demoScale = i + 1 < args.length && !args[i + 1].startsWith("--")
                        ? Double.parseDouble(args[++i])
                        : DEFAULT_DEMO_SCALE;
            } else if (args[i].equals("--containers")) {
                asked = StackSelection.Request.CONTAINERS;
            } else {
                throw new IllegalArgumentException(
                        "Unknown argument " + args[i] + "; use --build, --containers, --demo [scale]");
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path root = Path.of("").toAbsolutePath();
        Path state = root.resolve(".local");
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the local run keeps its data in .local/ unless containers are asked for (--containers, SALESPULSE_STACK)
        StackSelection.Decision stackKind = StackSelection.decide(StackSelection.Request.EMBEDDED, asked);
        if (stackKind.kind() == StackSelection.Kind.CONTAINERS) {
            System.out.println("Starting PostgreSQL and Kafka as containers (" + stackKind.reason()
                    + "; their data goes with them) ...");
        } else {
            System.out.println("Starting PostgreSQL on :" + POSTGRES_PORT + " and Kafka on :" + KAFKA_PORT + " ("
                    + stackKind.reason() + "; data in " + root.relativize(state) + "/) ...");
        }
        long started = System.nanoTime();
        LocalStack stack = startPersistent(root, state, stackKind.kind());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping the services, Kafka and PostgreSQL ...");
                            stack.close();
                            stopped.countDown();
                        },
                        "local-stack-shutdown"));
        System.out.printf("%nSales Pulse is up in %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
        System.out.printf(
                "%-22s %-24s %-38s %s%n", "service", "API", "Swagger UI (OpenAPI: /q/openapi)", "health, metrics");
        for (ServiceProcess service : stack.services()) {
            ServiceSpec spec = service.spec();
            System.out.printf(
                    "%-22s %-24s %-38s %s%n",
                    spec.name(),
                    spec.url(),
                    spec.managementUrl() + "/q/swagger-ui",
                    spec.managementUrl() + "/q/health, /q/metrics");
        }
        System.out.println();
        System.out.println("Kafka bootstrap servers: " + stack.kafkaBootstrapServers());
        System.out.println("PostgreSQL: " + stack.postgres().jdbcUrl("<lead|deal|analytics|notification|integration>")
                + ", user postgres");
        System.out.println("Service logs: " + root.relativize(state) + "/logs/");
        System.out.println();
        Path tokenFile = writeDemoTokens(stack.tokens(), state.resolve("dev-tokens.env"));
        System.out.println("Dev tokens for tenant '" + DEMO_TENANT + "' (valid 12 h, signed by the key in "
                + root.relativize(state) + "/dev-keys/) are in " + root.relativize(tokenFile) + ":");
        System.out.println("  HEAD_TOKEN (head of sales), MANAGER_TOKEN (manager " + DEMO_MANAGER
                + "), INTEGRATOR_TOKEN, OPS_TOKEN (read-model rebuild)");
        try {
            Files.readAllLines(tokenFile).stream()
                    .filter(line -> line.startsWith("export "))
                    .forEach(System.out::println);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println();
        System.out.println("Try it:");
        System.out.println("  source " + root.relativize(tokenFile));
        System.out.println(
                "  curl -s -X POST localhost:8081/api/v1/leads -H \"Authorization: Bearer $INTEGRATOR_TOKEN\" \\");
        System.out.println("       -H 'Content-Type: application/json' \\");
        System.out.println(
                "       -d '{\"source\":\"website\",\"clientName\":\"Anna Petrova\",\"phone\":\"+7 912 345-67-89\"}'");
        System.out.println("  curl -s -H \"Authorization: Bearer $HEAD_TOKEN\" \\");
        System.out.println(
                "       \"localhost:8083/api/v1/metrics/lead-inflow?month=$(TZ=Europe/Moscow date +%Y-%m)\"");
        System.out.println();
        stack.services().stream()
                .map(ServiceProcess::spec)
                .filter(spec -> spec.name().equals("analytics-service"))
                .findFirst()
                .ifPresent(spec -> {
                    System.out.println("The dashboard, signed in as the head of sales (docs/dashboard.md):");
                    System.out.println(
                            "  " + dashboardLink(spec.url(), stack.tokens().head(DEMO_TENANT)));
                });
        if (demoScale != null) {
            demo(stack, root, state, demoScale);
        }
        System.out.println();
        System.out.println("Press Ctrl-C to stop everything.");
        stopped.await();
    }
}
