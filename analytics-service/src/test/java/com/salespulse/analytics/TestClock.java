package com.salespulse.analytics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: the system clock until a test fixes it, so "now" facts (overdue, forgotten,
 * idle, the last 7 days) can be put at a chosen moment. Replaces reliable-messaging's default clock bean.
 */
public class TestClock {

    private static volatile Instant fixed;

    /** Fixes "now"; call {@link #reset()} in a finally block. */
    public static void set(Instant now) {
        fixed = now;
    }

    public static void reset() {
        fixed = null;
    }

    @Produces
    @Singleton
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant now = fixed;
                return now != null ? now : Instant.now();
            }
        };
    }
}
