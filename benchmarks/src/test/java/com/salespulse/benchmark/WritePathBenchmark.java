package com.salespulse.benchmark;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link WritePath} under failsafe, so the reactor packages lead- and deal-service first. Not a test (it asserts
 * nothing): run it alone,
 *
 * <pre>
 * ./mvnw -B -ntp -o -P benchmarks -pl event-contract,rest-problem,reliable-messaging,api-security,local-stack,\
 * lead-service,deal-service,benchmarks verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=WritePathBenchmark
 * </pre>
 *
 * It prints the table and writes it to benchmarks/target/write-path.txt. Figures and the knobs: docs/benchmarks.md
 * ("The write path").
 */
class WritePathBenchmark {

    @Test
    void measureTheWritePath() throws Exception {
        WritePath.main(new String[0]);
    }
}
