package com.salespulse.analytics.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The tenants whose events were applied since their alerts were last evaluated, and which of them are due: a changed
 * tenant is evaluated at most once per {@code minInterval} (a busy tenant's changes are gathered into one evaluation,
 * not one every tick), and not while it rests after a long evaluation ({@link Pace}): it stays changed until
 * then; a tenant neither evaluated within the interval nor resting is due at once. Safe for the consumers' threads
 * calling {@link #changed} while the scheduler takes {@link #due}.
 */
final class ChangedTenants {

    private final long minIntervalNanos;
    private final LongSupplier ticker;
    private final Predicate<String> resting;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    /** The ticker's reading at each tenant's last evaluation, kept no longer than the interval. */
    private final Map<String, Long> lastEvaluated = new ConcurrentHashMap<>();

    /**
     * @param ticker nanoseconds from an arbitrary origin, like {@link System#nanoTime()}
     * @param resting whether a tenant rests now ({@link Pace#resting}): a resting tenant is not due yet
     */
    ChangedTenants(Duration minInterval, LongSupplier ticker, Predicate<String> resting) {
        this.minIntervalNanos = minInterval.toNanos();
        this.ticker = ticker;
        this.resting = resting;
    }

    void changed(String tenant) {
        changed.add(tenant);
    }

    /**
     * The changed tenants whose last evaluation is at least the interval ago and that are not resting, taken out of
     * the changed ones.
     */
    List<String> due() {
        long now = ticker.getAsLong();
        lastEvaluated.values().removeIf(at -> now - at >= minIntervalNanos);
        List<String> due = new ArrayList<>();
        for (String tenant : changed) {
            if (!lastEvaluated.containsKey(tenant) && !resting.test(tenant) && changed.remove(tenant)) {
                due.add(tenant);
            }
        }
        return due;
    }

    /** The tenant was just evaluated (for whatever reason): its next changed evaluation waits the interval. */
    void evaluated(String tenant) {
        if (minIntervalNanos > 0) {
            lastEvaluated.put(tenant, ticker.getAsLong());
        }
    }
}
