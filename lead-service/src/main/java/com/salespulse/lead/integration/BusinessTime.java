package com.salespulse.lead.integration;

import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a command says it happened ({@code occurredAt}), and the rules every business time obeys: not later than now
 * plus the clock skew tokens allow, not before the card began, not before the card's last change. A command without
 * {@code occurredAt} happened now.
 */
@ApplicationScoped
public class BusinessTime {

    /** The request field every rule names. */
    public static final String FIELD = "occurredAt";

    /** The clock skew the tokens already allow. */
    public static final Duration SKEW = Duration.ofSeconds(60);

    private final Clock clock;

    public BusinessTime(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * The business time of a command: {@code occurredAt}, or now when absent.
     *
     * @throws ProblemException 400 naming occurredAt when it is later than now plus the skew
     */
    public Instant of(Instant occurredAt) {
        Instant now = clock.instant();
        if (occurredAt == null) {
            return now;
        }
        if (occurredAt.isAfter(now.plus(SKEW))) {
            throw ProblemException.invalidField(
                    FIELD,
                    "is in the future: " + occurredAt + " is later than now (" + now + ") plus " + SKEW.toSeconds()
                            + " s");
        }
        return occurredAt;
    }

    /**
     * A change of a card at {@code at}: 400 naming occurredAt when it is before the card began, 409 stale-change when
     * it is before the card's last change. A change without occurredAt is never stale (it happened now).
     */
    public void requireInOrder(
            String card, Instant occurredAt, Instant at, Instant began, String beganWhat, Instant lastChangedAt) {
        if (occurredAt == null) {
            return;
        }
        if (began != null && at.isBefore(began)) {
            throw ProblemException.invalidField(FIELD, "is before " + card + " " + beganWhat + " at " + began);
        }
        if (lastChangedAt != null && at.isBefore(lastChangedAt)) {
            throw ProblemException.staleChange(card, at, lastChangedAt);
        }
    }
}
