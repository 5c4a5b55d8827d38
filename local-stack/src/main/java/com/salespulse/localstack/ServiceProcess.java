package com.salespulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM process,
 * configured by system properties, its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * The local run's flags: four JVMs start at once on a small machine, and the C1 compiler alone halves their
     * start-up CPU. For start-up only: a benchmark runs with {@link #PRODUCTION_JVM_OPTIONS}.
     */
    public static final List<String> LOCAL_RUN_JVM_OPTIONS =
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * What production runs (deploy/: {@code JAVA_OPTS}): the 384 MiB heap, G1 and the full tiered compilation (the
     * JVM's defaults, named so that a changed default does not change a benchmark silently).
     */
    public static final List<String> PRODUCTION_JVM_OPTIONS =
            List.of("-Xmx384m", "-XX:+UseG1GC", "-XX:+TieredCompilation", "-XX:+ExitOnOutOfMemoryError");

    private final ServiceSpec spec;
    private final Path logFile;
    private final List<String> jvmOptions;
    private Process process;

    public ServiceProcess(ServiceSpec spec, Path logFile) {
        this(spec, logFile, LOCAL_RUN_JVM_OPTIONS);
    }

    /** A service started with the given JVM options instead of {@link #LOCAL_RUN_JVM_OPTIONS}. */
    public ServiceProcess(ServiceSpec spec, Path logFile, List<String> jvmOptions) {
        this.spec = spec;
        this.logFile = logFile;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The JVM options the service is started with. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** The operating system's id of the running process, e.g. for {@code jcmd}. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(spec.name() + " was not started");
        }
        return process.pid();
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Path logFile() {
        return logFile;
    }

    public void start(Path projectRoot, Map<String, String> properties) {
        Path jar = projectRoot.resolve(spec.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + spec.httpPort());
        command.add("-Dquarkus.management.port=" + spec.managementPort());
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + spec.name(), e);
        }
    }

    /** Waits until the service's readiness check (database and Kafka) answers UP. */
    public void awaitReady(Duration timeout) {
        awaitHealth("/q/health/ready", timeout);
    }

    /** Waits until the service is up, whether or not its database and Kafka are reachable. */
    public void awaitLive(Duration timeout) {
        awaitHealth("/q/health/live", timeout);
    }

    private void awaitHealth(String path, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.managementUrl() + path))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with " + process.exitValue() + "; see " + logFile
                        + "; its last lines:\n" + logTail(LOG_TAIL_LINES));
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + spec.name(), e);
            }
            sleep(250);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout + "; see " + logFile
                + "; its last lines:\n" + logTail(LOG_TAIL_LINES));
    }

    /**
     * How many of the log's last lines a start-up failure carries: the log file stays on the machine that ran the
     * test, so a CI run shows only what the exception says (a port taken, a migration failed, ...).
     */
    static final int LOG_TAIL_LINES = 40;

    /** The last {@code lines} lines of the service's log, each cut at 400 characters; empty if there is no log. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        List<String> all;
        try {
            all = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        StringBuilder tail = new StringBuilder();
        for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
            tail.append(line.length() > 400 ? line.substring(0, 400) + "…" : line)
                    .append('\n');
        }
        return tail.toString();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once, as a crash or an OOM kill would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(10);
        }
    }

    /** Sends SIGTERM without waiting. */
    public void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Asks the process to stop (SIGTERM, so Quarkus shuts down gracefully), then kills it if it lingers. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(20)) {
            process.destroyForcibly();
            waitFor(10);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
