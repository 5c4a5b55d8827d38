package com.salespulse.benchmark;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link DrillDownPages} under failsafe, so the reactor packages analytics-service first. Not a test (it asserts
 * nothing): run it alone, e.g.
 *
 * <pre>
 * ./mvnw -B -ntp -P benchmarks -pl benchmarks -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DrillDownPagesBenchmark -Ddrill.deals=200000
 * </pre>
 *
 * It prints the figures and writes them to benchmarks/target/drill-down-pages.txt. Method and figures:
 * docs/benchmarks.md ("Drill-downs at depth").
 */
class DrillDownPagesBenchmark {

    @Test
    void measureDrillDownPagesAtDepth() throws Exception {
        DrillDownPages.main(new String[0]);
    }
}
