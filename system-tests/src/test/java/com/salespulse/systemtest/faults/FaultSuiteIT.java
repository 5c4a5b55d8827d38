package com.salespulse.systemtest.faults;

import com.salespulse.localstack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite on real processes (docs/reliability.md): the packaged services, a real PostgreSQL and a real Kafka
 * broker; each case runs the tenant's traffic, injects its fault and checks exactly that nothing committed was lost
 * or doubled ({@link FaultCase}). Run with {@code ./mvnw -B -P faults verify -pl system-tests -am}.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static LocalStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = FaultStack.get();
    }

    @AfterAll
    static void printTheTable() {
        String table = FaultCase.table();
        System.out.println("[faults] the run's table\n" + table);
        FaultCase.writeTable(Path.of(System.getProperty("salespulse.log-dir")).resolveSibling("fault-report.md"));
    }

    /** T1: the relay's process killed (kill -9) while its outbox holds unpublished rows, three times. */
    @Test
    @Order(1)
    void t1RelayKilledMidBatchLosesAndDoublesNothing() throws Exception {
        FaultCase.play(stack, "T1 relay killed mid-batch x3", traffic -> {
            for (String service : List.of("lead-service", "deal-service", "lead-service")) {
                long pending = awaitUnpublishedRows(service.equals("lead-service") ? "lead" : "deal");
                stack.killAndRestart(service, Map.of());
                System.out.printf("[faults] T1: %s killed with %d outbox rows unpublished%n", service, pending);
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /** T4: PostgreSQL stopped for 60 s under load, then started again with its data. */
    @Test
    @Order(2)
    void t4DatabaseStoppedForAMinuteLosesAndDoublesNothing() throws Exception {
        FaultCase.play(stack, "T4 PostgreSQL stopped 60 s", traffic -> {
            stack.stopPostgres();
            try {
                LockSupport.parkNanos(Duration.ofSeconds(60).toNanos());
            } finally {
                stack.startPostgres();
            }
            return FaultCase.NO_DEAD_LETTERS;
        });
    }

    /**
     * Polls (up to 20 s) until the service's outbox holds rows not yet published, i.e. the relay is mid-batch; the
     * count seen.
     */
    private static long awaitUnpublishedRows(String database) {
        Databases db = new Databases(stack);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long pending;
        while ((pending = db.count(database, "select count(*) from outbox_event where published_at is null")) == 0
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        return pending;
    }
}
