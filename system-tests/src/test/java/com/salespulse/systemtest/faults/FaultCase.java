package com.salespulse.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * One fault case, played the same way every time: the tenant's traffic runs, the fault is injected while it runs,
 * a probe lead taken in after the fault times the recovery (until analytics holds it), the traffic stops, the system
 * settles ({@link Settle}) and {@link Reconciliation} checks it exactly. Each case adds a row to the run's table.
 */
final class FaultCase {

    /** Traffic before the fault and after the recovery. */
    private static final Duration STEADY = Duration.ofSeconds(5);

    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(180);
    private static final List<Row> ROWS = new ArrayList<>();
    /** Cases with figures of their own (T9), printed under the table. */
    private static final List<String> NOTES = new ArrayList<>();

    /** What a case expects in the dead-letter topics when it mixed no poison into the stream. */
    static final Map<String, List<String>> NO_DEAD_LETTERS = Map.of();

    /**
     * The fault, injected while the traffic runs; it returns once the fault is cleared, with what the dead-letter
     * topics should hold for the tenant afterwards: topic to the sorted keys of the records there.
     */
    @FunctionalInterface
    interface Fault {
        Map<String, List<String>> inject(SalesTraffic traffic) throws Exception;
    }

    /** A row of the run's table. */
    record Row(
            String name,
            long sent,
            long applied,
            long lost,
            long duplicated,
            Duration recovery,
            Duration settle,
            long events,
            long redelivered,
            int deadLetters) {}

    private FaultCase() {}

    /**
     * Plays the case and checks it: nothing lost, nothing doubled, every chain in order, and in the dead-letter topics
     * exactly what the fault said they should hold.
     */
    static Reconciliation.Outcome play(LocalStack stack, String name, Fault fault) throws Exception {
        String tenant = "faults-" + name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        SalesTraffic traffic = SalesTraffic.start(stack, tenant, 2, Duration.ofMillis(40));
        Duration recovery;
        Map<String, List<String>> expectedDeadLetters;
        try {
            LockSupport.parkNanos(STEADY.toNanos());
            expectedDeadLetters = fault.inject(traffic);
            long cleared = System.nanoTime();
            UUID probe = traffic.probe(RECOVERY_BOUND);
            Databases db = new Databases(stack);
            long deadline = cleared + RECOVERY_BOUND.toNanos();
            while (db.countOrMinusOne(
                            "analytics",
                            "select count(*) from lead_fact where lead_id = ? and gen = "
                                    + "(select live_gen from read_model_generation)",
                            probe)
                    != 1) {
                assertThat(System.nanoTime())
                        .as("analytics shows the probe lead in time")
                        .isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            recovery = Duration.ofNanos(System.nanoTime() - cleared);
            LockSupport.parkNanos(STEADY.toNanos());
        } finally {
            traffic.stop();
        }
        Duration settle = Settle.until(stack, tenant, RECOVERY_BOUND);
        Ledger ledger = traffic.ledger();
        Reconciliation.Outcome outcome = Reconciliation.check(
                stack,
                tenant,
                ledger,
                expectedDeadLetters.values().stream()
                        .flatMap(List::stream)
                        .collect(java.util.stream.Collectors.toSet()));
        Row row = new Row(
                name,
                ledger.operationsSent(),
                ledger.operationsCommitted(),
                outcome.lostCount(),
                outcome.duplicatedCount(),
                recovery,
                settle,
                outcome.eventsInOutboxes(),
                outcome.redeliveredRecords(),
                outcome.deadLetters().values().stream().mapToInt(List::size).sum());
        synchronized (ROWS) {
            ROWS.add(row);
        }
        System.out.println("[faults] " + name + ": " + row + "; answers by status " + ledger.answers()
                + (outcome.lost().isEmpty() && outcome.duplicated().isEmpty() ? "" : "; " + outcome.summary()));
        assertThat(ledger.operationsCommitted())
                .as("the traffic committed work")
                .isPositive();
        assertThat(outcome.lost()).as("committed work lost").isEmpty();
        assertThat(outcome.duplicated()).as("effects doubled").isEmpty();
        assertThat(outcome.outOfOrder())
                .as("aggregates whose events are out of order on the topic")
                .isEmpty();
        assertThat(outcome.deadLetters()).as("the tenant's dead letters").isEqualTo(expectedDeadLetters);
        return outcome;
    }

    /** A line printed under the table, for a case whose figures do not fit its columns. */
    static void note(String line) {
        synchronized (NOTES) {
            NOTES.add(line);
        }
    }

    /** The run's table, as Markdown; also written to {@code target/fault-report.md}. */
    static String table() {
        StringBuilder table = new StringBuilder(
                "| case | operations sent | applied (2xx) | lost | duplicated | time to recover | settled in"
                        + " | events | redelivered records | dead letters |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        synchronized (ROWS) {
            for (Row row : ROWS) {
                table.append(String.format(
                        "| %s | %d | %d | %d | %d | %.1f s | %.1f s | %d | %d | %d |%n",
                        row.name(),
                        row.sent(),
                        row.applied(),
                        row.lost(),
                        row.duplicated(),
                        row.recovery().toMillis() / 1000.0,
                        row.settle().toMillis() / 1000.0,
                        row.events(),
                        row.redelivered(),
                        row.deadLetters()));
            }
        }
        synchronized (NOTES) {
            NOTES.forEach(line -> table.append('\n').append(line).append('\n'));
        }
        return table.toString();
    }

    static void writeTable(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
