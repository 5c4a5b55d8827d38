package com.salespulse.analytics.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The evaluation of every tenant once a period, spread over the period: each tenant is due at its own fixed offset
 * within it (from a hash of its id), so a thousand tenants are not evaluated in one burst that holds the CPU and the
 * database while events wait. Each tick takes the tenants whose moment passed since the tick before, and evaluates at
 * most a slice of them (twice a tick's even share); the rest wait for the next tick in the order they fell due, so a
 * tick after a pause or a clock moved on by more than a period (every tenant due at once) does not become that burst
 * either. Time is the service's clock: a clock set back starts the schedule again from its new reading.
 */
final class TenantSweep {

    private final long periodMillis;
    private final long ticksPerPeriod;
    private final Set<String> pending = new LinkedHashSet<>();
    private Instant last;

    TenantSweep(Duration period, Duration tick) {
        this.periodMillis = Math.max(1, period.toMillis());
        this.ticksPerPeriod = Math.max(1, periodMillis / Math.max(1, tick.toMillis()));
    }

    /**
     * The tenants to evaluate at this tick, out of {@code tenants} (every tenant watched now).
     *
     * @param now the clock's reading at this tick
     */
    synchronized List<String> next(Collection<String> tenants, Instant now) {
        if (last != null && !now.isBefore(last)) {
            long from = last.toEpochMilli();
            long to = now.toEpochMilli();
            boolean wholePeriod = to - from >= periodMillis;
            for (String tenant : tenants) {
                if (wholePeriod || passed(offsetMillis(tenant), from, to)) {
                    pending.add(tenant);
                }
            }
        }
        last = now;
        long slice = Math.max(1, 2 * ((tenants.size() + ticksPerPeriod - 1) / ticksPerPeriod));
        List<String> due = new ArrayList<>();
        for (Iterator<String> it = pending.iterator(); it.hasNext() && due.size() < slice; ) {
            due.add(it.next());
            it.remove();
        }
        return due;
    }

    /** The tenant's moment within each period, in milliseconds from the period's start (periods from the epoch). */
    long offsetMillis(String tenant) {
        // String.hashCode is the same in every JVM; the multiplication spreads ids that differ in their last letters
        return Math.floorMod(tenant.hashCode() * 0x9E3779B97F4A7C15L, periodMillis);
    }

    /** Whether a moment at {@code offset} within a period lies in {@code (from, to]}. */
    private boolean passed(long offset, long from, long to) {
        return Math.floorDiv(to - offset, periodMillis) > Math.floorDiv(from - offset, periodMillis);
    }
}
