package com.salespulse.notification;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: real time until a test moves it with {@link #startAt(Instant)}; from then on it
 * runs on from that instant at real speed (so retries still come due). {@link #reset()} goes back to real time.
 * Being a bean of type Clock, it replaces the default ClockProducer's.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant base;
    private volatile long baseNanos;

    public void startAt(Instant instant) {
        baseNanos = System.nanoTime();
        base = instant;
    }

    public void reset() {
        base = null;
    }

    @Override
    public Instant instant() {
        Instant start = base;
        return start == null ? Instant.now() : start.plusNanos(System.nanoTime() - baseNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
