package com.salespulse.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A thousand tenants, a minute's period, a 2 s tick: 30 ticks a minute, at most 2 × ⌈1 000 / 30⌉ = 68 tenants a tick.
 */
class TenantSweepTest {

    private static final Duration TICK = Duration.ofSeconds(2);
    private static final List<String> TENANTS = IntStream.rangeClosed(1, 1_000)
            .mapToObj(i -> String.format("scale-small-%04d", i))
            .toList();

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final TenantSweep sweep = new TenantSweep(Duration.ofMinutes(1), TICK, nanos::get);

    /** Runs {@code ticks} ticks of 2 s; each tenant's evaluation moments, and the largest slice of a tick. */
    private int tick(int ticks, Map<String, List<Long>> evaluated) {
        int largest = 0;
        for (int i = 0; i < ticks; i++) {
            long now = nanos.addAndGet(TICK.toNanos());
            List<String> due = sweep.next(TENANTS);
            largest = Math.max(largest, due.size());
            due.forEach(tenant ->
                    evaluated.computeIfAbsent(tenant, t -> new ArrayList<>()).add(now));
        }
        return largest;
    }

    @Test
    void everyTenantIsEvaluatedOnceAMinuteAtItsOwnMomentInSlicesOfAtMost68() {
        assertThat(sweep.next(TENANTS))
                .as("the first tick only starts the schedule")
                .isEmpty();
        Map<String, List<Long>> evaluated = new HashMap<>();

        int largest = tick(60, evaluated);

        assertThat(evaluated).hasSize(1_000);
        // two minutes: each tenant twice, exactly a minute apart (never a tick late: no slice was full)
        assertThat(evaluated.values())
                .allSatisfy(moments -> assertThat(moments).hasSize(2))
                .allSatisfy(moments -> assertThat(moments.get(1) - moments.get(0))
                        .isEqualTo(Duration.ofMinutes(1).toNanos()));
        assertThat(largest).isLessThanOrEqualTo(68);
    }

    @Test
    void afterAPauseOfADayEveryTenantIsDueAndTakenInSlicesWithinTheMinute() {
        sweep.next(TENANTS);
        nanos.addAndGet(Duration.ofDays(1).minus(TICK).toNanos());
        Map<String, List<Long>> evaluated = new HashMap<>();

        // the backlog of 1 000 in slices of 68 (1 000 = 14 × 68 + 48), joined by the tenants whose moments pass
        // meanwhile: no tick takes more than 68, and every tenant is evaluated within the minute (30 ticks)
        int largest = tick(30, evaluated);

        assertThat(largest).isEqualTo(68);
        assertThat(evaluated).hasSize(1_000);
    }

    @Test
    void ticksTheEngineRestedThroughLeaveTheTenantsPendingInTheOrderTheyFellDue() {
        sweep.next(TENANTS);
        assertThat(sweep.pending()).isZero();
        // the engine rested 40 s (20 ticks passed by): two thirds of the tenants' moments passed meanwhile
        nanos.addAndGet(Duration.ofSeconds(40).toNanos());

        List<String> first = sweep.next(TENANTS);

        assertThat(first).hasSize(68);
        int waiting = sweep.pending();
        assertThat(waiting + first.size())
                .as("the tenants whose moment lies in those 40 s of a minute")
                .isBetween(600, 733);
        nanos.addAndGet(TICK.toNanos());
        List<String> second = sweep.next(TENANTS);
        assertThat(second).hasSize(68).doesNotContainAnyElementsOf(first);
        assertThat(sweep.pending()).isLessThan(waiting);
    }
}
