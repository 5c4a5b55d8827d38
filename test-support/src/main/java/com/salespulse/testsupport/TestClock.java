package com.salespulse.testsupport;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The one controllable clock of every service's tests. Being a bean of type {@link Clock}, it replaces
 * reliable-messaging's default clock in a Quarkus test; tests inject it ({@code @Inject TestClock clock}).
 *
 * <p>It reads real time until a test {@link #set sets} it; then it stands still at that instant until the test
 * {@link #advance advances} it, lets it {@link #runOn run on} from there, or {@link #reset resets} it (do that in
 * {@code @AfterEach} or a finally block: the bean outlives the test).
 */
@Singleton
public class TestClock extends Clock {

    /** Real time: {@code null}. Standing: {@code offset} is null. Running on: now = real now + offset. */
    private volatile Instant fixed;

    private volatile Duration offset;

    /** Stops the clock at {@code instant}. */
    public void set(Instant instant) {
        fixed = instant;
        offset = null;
    }

    /** Moves the clock on by {@code duration} from where it reads now; a clock reading real time stops there. */
    public void advance(Duration duration) {
        set(instant().plus(duration));
    }

    /** Lets the clock tick on from where it reads now, at real speed (for code that waits for time to pass). */
    public void runOn() {
        Instant from = instant();
        offset = Duration.between(Instant.now(), from);
        fixed = from;
    }

    /** Sets the clock to {@code instant} and lets it tick on from there at real speed. */
    public void runOnFrom(Instant instant) {
        set(instant);
        runOn();
    }

    /** Back to real time. */
    public void reset() {
        fixed = null;
        offset = null;
    }

    /** Runs {@code work} with the clock stopped at {@code instant}, and resets it afterwards. */
    public <T> T at(Instant instant, Supplier<T> work) {
        set(instant);
        try {
            return work.get();
        } finally {
            reset();
        }
    }

    @Override
    public Instant instant() {
        Instant standing = fixed;
        Duration running = offset;
        if (standing == null) {
            return Instant.now();
        }
        return running == null ? standing : Instant.now().plus(running);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the services read instants in UTC");
    }
}
