package com.salespulse.analytics.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The evaluation of every tenant once a period, spread over the period: each tenant is due at its own fixed offset
 * within it (from a hash of its id), so a thousand tenants are not evaluated in one burst that holds the CPU and the
 * database while events wait. Each tick takes the tenants whose moment passed since the tick before, and evaluates at
 * most a slice of them (twice a tick's even share); the rest wait for the next tick in the order they fell due, so a
 * tick after a pause or a clock moved on by more than a period (every tenant due at once) does not become that burst
 * either. Time is a monotonic ticker, like the scheduler's: the service's clock says what "now" is for the conditions
 * (and stands still in tests), not when a tenant's turn comes.
 */
final class TenantSweep {

    private final long periodNanos;
    private final long ticksPerPeriod;
    private final LongSupplier ticker;
    private final Set<String> pending = new LinkedHashSet<>();
    private Long last;

    /** @param ticker nanoseconds from an arbitrary origin, like {@link System#nanoTime()} */
    TenantSweep(Duration period, Duration tick, LongSupplier ticker) {
        this.periodNanos = Math.max(1, period.toNanos());
        this.ticksPerPeriod = Math.max(1, periodNanos / Math.max(1, tick.toNanos()));
        this.ticker = ticker;
    }

    /** The tenants to evaluate at this tick, out of {@code tenants} (every tenant watched now). */
    synchronized List<String> next(Collection<String> tenants) {
        long now = ticker.getAsLong();
        if (last != null) {
            long from = last;
            boolean wholePeriod = now - from >= periodNanos;
            for (String tenant : tenants) {
                if (wholePeriod || passed(offsetNanos(tenant), from, now)) {
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

    /**
     * How many tenants wait for their evaluation: their moment passed, a tick's slice or the engine's rest held them
     * (the gauge {@code salespulse.alerts.sweep.pending}). Nearly always none; growing, the engine cannot keep the
     * period, and each tenant is evaluated less often than it says.
     */
    synchronized int pending() {
        return pending.size();
    }

    /** The tenant's moment within each period, in nanoseconds from the period's start (periods from the origin). */
    long offsetNanos(String tenant) {
        // String.hashCode is the same in every JVM; the multiplication spreads ids that differ in their last letters
        return Math.floorMod(tenant.hashCode() * 0x9E3779B97F4A7C15L, periodNanos);
    }

    /** Whether a moment at {@code offset} within a period lies in {@code (from, to]}. */
    private boolean passed(long offset, long from, long to) {
        return Math.floorDiv(to - offset, periodNanos) > Math.floorDiv(from - offset, periodNanos);
    }
}
