package com.salespulse.benchmark;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link AnalyticsAtScale} under failsafe, so the reactor packages analytics-service first. Not a test (failsafe
 * picks up {@code *IT} only; it asserts nothing): run it alone, e.g. for a quick run
 *
 * <pre>
 * ./mvnw -B -ntp -P benchmarks -pl benchmarks -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=AnalyticsAtScaleBenchmark -Dscale=0.002
 * </pre>
 *
 * Figures and the other knobs: docs/benchmarks.md ("Analytics at scale").
 */
class AnalyticsAtScaleBenchmark {

    @Test
    void measureAnalyticsAtScale() throws Exception {
        AnalyticsAtScale.main(new String[0]);
    }
}
