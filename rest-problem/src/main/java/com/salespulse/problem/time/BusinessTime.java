package com.salespulse.problem.time;

import com.salespulse.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a command happened (its optional {@code occurredAt}; the server clock when absent) and the rules it obeys:
 * not later than now plus the clock skew tokens allow, not before the card began (400 naming {@code occurredAt}),
 * and not before the card's last recorded change (409 stale-change naming it: history comes in time order per
 * card, so a late webhook never rolls a card back). Payload timestamps are this business time; the CloudEvent's
 * {@code time} stays the recording time.
 *
 * <p>Not a bean: rest-problem ships no {@link Clock} (reliable-messaging's ClockProducer does, and a service using
 * rest-problem alone has none), so a service builds it over the clock it injects: {@code new BusinessTime(clock)}.
 */
public final class BusinessTime {

    public static final String FIELD = "occurredAt";
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Clock clock;

    public BusinessTime(Clock clock) {
        this.clock = clock;
    }

    /** The business time of a command: {@code occurredAt}, or now; never later than now plus the clock skew. */
    public Instant of(Instant occurredAt) {
        Instant now = clock.instant();
        if (occurredAt == null) {
            return now;
        }
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalidField(
                    FIELD,
                    "is in the future (now is " + now + "; " + CLOCK_SKEW.toSeconds()
                            + " s of clock skew are allowed)");
        }
        return occurredAt;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Not before the card began: a 400 naming occurredAt. */
    public static void notBefore(Instant at, Instant began, String what) {
        if (began != null && at.isBefore(began)) {
            throw ProblemException.invalidField(FIELD, "is before " + what + " (" + began + ")");
        }
    }

    /** Not before the card's last recorded change: a 409 stale-change naming occurredAt, both times in the detail. */
    public static void notStale(Instant at, Instant lastChange, String card) {
        if (lastChange != null && at.isBefore(lastChange)) {
            throw ProblemException.staleChange(card, at, lastChange);
        }
    }
}
