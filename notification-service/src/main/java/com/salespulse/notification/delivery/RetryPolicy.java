package com.salespulse.notification.delivery;

import com.salespulse.notification.config.NotificationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, and the retry budget. After failed attempt n the wait is
 * {@code min(maxDelay, baseDelay * 2^(n-1))}, of which a random share up to {@code jitter} is taken off, so receivers
 * that failed together are not retried together.
 */
public class RetryPolicy {

    /** Which budget ran out. */
    public enum Exhausted {
        MAX_ATTEMPTS,
        MAX_AGE
    }

    private final NotificationConfig.Delivery config;
    private final DoubleSupplier random;

    public RetryPolicy(NotificationConfig.Delivery config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /** The wait after {@code failedAttempts} failed attempts (1 or more). */
    public Duration delayAfter(int failedAttempts) {
        long base = config.baseDelay().toMillis();
        long max = config.maxDelay().toMillis();
        int doublings = Math.min(failedAttempts - 1, 30);
        long full = Math.min(max, base * (1L << doublings));
        long jitter = (long) (full * config.jitter() * random.getAsDouble());
        return Duration.ofMillis(full - jitter);
    }

    /** Whether a delivery that has failed {@code attempts} times and first became due at {@code firstDueAt} may go on. */
    public java.util.Optional<Exhausted> exhausted(int attempts, Instant firstDueAt, Instant now) {
        if (attempts >= config.maxAttempts()) {
            return java.util.Optional.of(Exhausted.MAX_ATTEMPTS);
        }
        if (!now.isBefore(firstDueAt.plus(config.maxAge()))) {
            return java.util.Optional.of(Exhausted.MAX_AGE);
        }
        return java.util.Optional.empty();
    }
}
