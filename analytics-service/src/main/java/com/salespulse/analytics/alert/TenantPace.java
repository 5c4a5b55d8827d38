package com.salespulse.analytics.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How long each tenant rests after an evaluation of its alerts, in proportion to what the evaluation took, so that no
 * tenant holds the engine (its one scheduler thread, and a database connection) for more than a share of the time: an
 * evaluation that took {@code d} is followed by a rest of {@code d × (1 − share) / share}, during which the changed
 * and scheduled triggers pass the tenant by. With the default share of 0.1 a small tenant's 5 ms evaluation rests
 * 45 ms (nothing beside the 30 s debounce and the one-minute sweep), a big tenant's 30 s evaluation rests 4.5 minutes:
 * before, at a million deals, the big tenant was evaluated again as soon as its debounce allowed, so one evaluation
 * followed another and took about a core of the database from the metric readers and the event consumer. A resting
 * tenant's change is not lost: it stays changed (or due) and is evaluated at the first tick after the rest. A call
 * ({@link AlertEngine#evaluate(String)}) does not wait for the rest. Time is a monotonic ticker, like the scheduler's.
 */
final class TenantPace {

    private final double restPerBusy;
    private final LongSupplier ticker;
    /** The ticker's reading at which each resting tenant's rest ends; a tenant whose rest is over is dropped. */
    private final Map<String, Long> restUntil = new ConcurrentHashMap<>();

    /**
     * @param share the most of the engine's time one tenant's evaluations may take, in (0, 1]; 1: no rest
     * @param ticker nanoseconds from an arbitrary origin, like {@link System#nanoTime()}
     */
    TenantPace(double share, LongSupplier ticker) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(
                    "salespulse.alerts.max-tenant-share must be more than 0 and at most 1, not " + share);
        }
        this.restPerBusy = (1 - share) / share;
        this.ticker = ticker;
    }

    /** The ticker's reading now, to pass to {@link #evaluated} when the evaluation ends. */
    long start() {
        return ticker.getAsLong();
    }

    /**
     * The tenant's evaluation that began at {@code started} ({@link #start}) just ended: it rests from now.
     *
     * @return how long the evaluation took, in nanoseconds
     */
    long evaluated(String tenant, long started) {
        long now = ticker.getAsLong();
        long took = now - started;
        long rest = (long) (took * restPerBusy);
        if (rest > 0) {
            restUntil.put(tenant, now + rest);
        } else {
            restUntil.remove(tenant);
        }
        return took;
    }

    /** Whether the tenant is resting now: the triggers leave it for a later tick. */
    boolean resting(String tenant) {
        Long until = restUntil.get(tenant);
        if (until == null) {
            return false;
        }
        if (ticker.getAsLong() - until >= 0) {
            restUntil.remove(tenant, until);
            return false;
        }
        return true;
    }

    /** How many tenants are resting now (the gauge {@code salespulse.alerts.resting}). */
    int restingNow() {
        long now = ticker.getAsLong();
        restUntil.values().removeIf(until -> now - until >= 0);
        return restUntil.size();
    }
}
