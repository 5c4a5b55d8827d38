package com.salespulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps a stack from failing at start-up by chance, and what a failure says when it happens anyway: a CI run
 * sees only the test's output, never the service's log file.
 */
class StartUpFailureTest {

    @Test
    void aPortIsNeverHandedOutTwiceInOneRun() {
        // a stack draws about a dozen ports before its services bind them; 2 000 draws make a repeat all but certain
        // if the draws were independent (2 000 of 12 000 ports)
        Set<Integer> ports = new HashSet<>();
        IntStream.range(0, 2_000).forEach(i -> ports.add(LocalStack.freePort()));

        assertThat(ports).hasSize(2_000).allSatisfy(port -> assertThat(port).isBetween(20_000, 31_999));
    }

    @Test
    void aServiceThatExitsAtStartUpIsReportedWithTheEndOfItsLog(@TempDir Path logs) throws IOException {
        Path log = logs.resolve("analytics-service.log");
        List<String> lines = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> "line " + i)
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        lines.add("ERROR [io.qua.run.Application] Port(s) already bound: 20123: Address already in use");
        Files.write(log, lines);
        ServiceProcess process = new ServiceProcess(ServiceSpec.defaults().get(0), log);

        String tail = process.logTail(ServiceProcess.LOG_TAIL_LINES);

        assertThat(tail.lines())
                .hasSize(ServiceProcess.LOG_TAIL_LINES)
                .startsWith("line 62")
                .endsWith("ERROR [io.qua.run.Application] Port(s) already bound: 20123: Address already in use");
    }

    @Test
    void aMissingLogIsSaidSoInsteadOfHidingTheFailure(@TempDir Path logs) {
        ServiceProcess process = new ServiceProcess(ServiceSpec.defaults().get(0), logs.resolve("never-written.log"));

        assertThat(process.logTail(10)).startsWith("(no log:");
    }
}
