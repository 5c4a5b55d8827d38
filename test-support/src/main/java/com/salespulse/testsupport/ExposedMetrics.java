package com.salespulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a running service exposes at {@code /q/metrics}, kept in a committed list per service
 * ({@code deploy/observability/metrics/<service>.txt}) that deploy-check reads: every metric the Grafana dashboard
 * and the alert rules name must be in one of the lists, so a renamed or dropped metric fails a test instead of leaving
 * a panel empty and an alert silent. Only the families ops dashboards use are listed (the suite's own
 * {@code salespulse_*} and the HTTP server requests), not every JVM or Kafka client gauge.
 *
 * <p>A service's test calls {@link #assertListed}, which fails when a listed name is no longer exposed (a metric made
 * on first use, like a counter with a new tag value, may show up besides). After adding a metric, rewrite the list
 * with {@code -Dmetrics.update=true -Dtest=ExposedMetricsTest} (that test alone, so only what is registered at start
 * or by that test is listed) and commit it.
 */
public final class ExposedMetrics {

    /** The families kept in the lists. */
    private static final Pattern KEPT = Pattern.compile("^(salespulse_|http_server_requests).*");

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private ExposedMetrics() {}

    /** The metric names of a Prometheus text exposition, of the kept families. */
    public static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#")
                    && sample.find()
                    && KEPT.matcher(sample.group(1)).matches()) {
                names.add(sample.group(1));
            }
        }
        return names;
    }

    /** The committed list of a service. */
    public static Path list(String service) {
        return repositoryRoot().resolve("deploy/observability/metrics").resolve(service + ".txt");
    }

    /**
     * Scrapes the running test application's {@code /q/metrics} and checks that it exposes every name of the service's
     * list, or
     * rewrites the list with {@code -Dmetrics.update=true}.
     *
     * @return the names exposed
     */
    public static Set<String> assertListed(String service) {
        Set<String> exposed;
        try {
            exposed = names(ManagementInterface.get("/q/metrics").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Path list = list(service);
        try {
            if (Boolean.getBoolean("metrics.update")) {
                Files.createDirectories(list.getParent());
                Files.writeString(list, String.join("\n", exposed) + "\n");
                return exposed;
            }
            Set<String> committed = new TreeSet<>(Files.exists(list) ? Files.readAllLines(list) : List.of());
            committed.remove("");
            Set<String> missing = new TreeSet<>(committed);
            missing.removeAll(exposed);
            if (!missing.isEmpty()) {
                throw new AssertionError(service + " no longer exposes " + missing
                        + "; fix the dashboard and rules that"
                        + " use them, rewrite " + list + " with -Dmetrics.update=true -Dtest=ExposedMetricsTest and"
                        + " commit it (deploy-check reads it). Exposed: " + exposed);
            }
            return exposed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
