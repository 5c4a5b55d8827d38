package com.salespulse.analytics.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How long something rests after it was busy, in proportion to how long, so that it holds the alert engine for at most
 * a share of the time: busy for {@code d}, it rests {@code d × (1 − share) / share}. Kept per key. The engine keeps
 * two: one per tenant ({@code salespulse.alerts.max-tenant-share}, 0.1), so that no tenant holds the engine (its one
 * scheduler thread, and a database connection) — a small tenant's 5 ms evaluation rests 45 ms, a big tenant's 30 s
 * evaluation 4.5 minutes: before, at a million deals, the big tenant was evaluated again as soon as its debounce
 * allowed, one evaluation after another, about a core of the database taken from the metric readers and the event
 * consumer; and one for the engine as a whole ({@code salespulse.alerts.max-engine-share}, 0.25), its ticks, so that
 * the thousand small tenants' sweep, about 200 ms an evaluation on a loaded machine, does not keep it busy back to
 * back either. Whatever rests is passed by, not dropped: a resting tenant stays changed (or due) for the first tick
 * after its rest, a resting engine's sweep falls behind and catches up. A call ({@link AlertEngine#evaluate(String)})
 * does not wait for a rest. Time is a monotonic ticker, like the scheduler's.
 */
final class Pace {

    private final double restPerBusy;
    private final LongSupplier ticker;
    /** The ticker's reading at which each resting key's rest ends; a key whose rest is over is dropped. */
    private final Map<String, Long> restUntil = new ConcurrentHashMap<>();

    /**
     * @param property the setting the share comes from, named when it is out of range
     * @param share the most of the engine's time one key may take, in (0, 1]; 1: no rest
     * @param ticker nanoseconds from an arbitrary origin, like {@link System#nanoTime()}
     */
    Pace(String property, double share, LongSupplier ticker) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(property + " must be more than 0 and at most 1, not " + share);
        }
        this.restPerBusy = (1 - share) / share;
        this.ticker = ticker;
    }

    /** The ticker's reading now, to pass to {@link #evaluated} when the evaluation ends. */
    long start() {
        return ticker.getAsLong();
    }

    /**
     * The key's busy time that began at {@code started} ({@link #start}) just ended: it rests from now.
     *
     * @return how long it was busy, in nanoseconds
     */
    long busy(String key, long started) {
        long now = ticker.getAsLong();
        long took = now - started;
        long rest = (long) (took * restPerBusy);
        if (rest > 0) {
            restUntil.put(key, now + rest);
        } else {
            restUntil.remove(key);
        }
        return took;
    }

    /** Whether the key is resting now: the engine leaves it for a later tick. */
    boolean resting(String key) {
        Long until = restUntil.get(key);
        if (until == null) {
            return false;
        }
        if (ticker.getAsLong() - until >= 0) {
            restUntil.remove(key, until);
            return false;
        }
        return true;
    }

    /** How many keys are resting now (the gauges {@code salespulse.alerts.resting}, {@code ….engine.resting}). */
    int restingNow() {
        long now = ticker.getAsLong();
        restUntil.values().removeIf(until -> now - until >= 0);
        return restUntil.size();
    }
}
