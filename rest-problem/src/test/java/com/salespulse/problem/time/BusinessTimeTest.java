package com.salespulse.problem.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A command's business time: its occurredAt (now when absent), not later than now plus the clock skew, not before
 * the card began (400), not before the card's last change (409 stale-change); each refusal names occurredAt.
 */
class BusinessTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final BusinessTime time = new BusinessTime(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCommandWithoutOccurredAtHappenedNow() {
        assertThat(time.of(null)).isEqualTo(NOW);
        assertThat(time.now()).isEqualTo(NOW);
    }

    @Test
    void aPastOccurredAtIsTheBusinessTime() {
        Instant past = Instant.parse("2024-05-20T09:00:00Z");

        assertThat(time.of(past)).isEqualTo(past);
    }

    @Test
    void occurredAtUpToTheClockSkewAheadIsAccepted() {
        Instant atTheEdge = NOW.plus(BusinessTime.CLOCK_SKEW);

        assertThat(BusinessTime.CLOCK_SKEW).hasSeconds(60);
        assertThat(time.of(atTheEdge)).isEqualTo(atTheEdge);
    }

    @Test
    void occurredAtLaterThanNowPlusTheSkewIsA400NamingOccurredAt() {
        Problem problem = refused(() -> time.of(NOW.plusSeconds(61)));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.invalidFields())
                .extracting(Problem.InvalidField::field)
                .containsExactly("occurredAt");
    }

    @Test
    void aChangeBeforeTheCardBeganIsA400NamingOccurredAt() {
        Instant began = Instant.parse("2025-01-10T10:00:00Z");

        Problem problem = refused(() -> BusinessTime.notBefore(began.minusSeconds(1), began, "the lead came in"));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.invalidFields())
                .extracting(Problem.InvalidField::field)
                .containsExactly("occurredAt");
        assertThat(problem.invalidFields().get(0).message()).contains("the lead came in", began.toString());
        assertThatCode(() -> BusinessTime.notBefore(began, began, "the lead came in"))
                .doesNotThrowAnyException();
        assertThatCode(() -> BusinessTime.notBefore(began, null, "the lead came in"))
                .doesNotThrowAnyException();
    }

    @Test
    void aChangeOlderThanTheCardsLastChangeIsAStaleConflictSayingBothTimes() {
        Instant lastChange = Instant.parse("2025-01-12T10:00:00Z");
        Instant older = Instant.parse("2025-01-11T10:00:00Z");

        Problem problem = refused(() -> BusinessTime.notStale(older, lastChange, "Lead 42"));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).hasToString("urn:salespulse:problem:stale-change");
        assertThat(problem.detail()).contains(lastChange.toString(), older.toString());
        assertThat(problem.invalidFields())
                .extracting(Problem.InvalidField::field)
                .containsExactly("occurredAt");
        assertThatCode(() -> BusinessTime.notStale(lastChange, lastChange, "Lead 42"))
                .doesNotThrowAnyException();
        assertThatCode(() -> BusinessTime.notStale(older, null, "Lead 42")).doesNotThrowAnyException();
    }

    private static Problem refused(Runnable rule) {
        ProblemException refusal = catchThrowableOfType(ProblemException.class, rule::run);
        assertThat(refusal).as("the rule refuses").isNotNull();
        return refusal.toProblem();
    }
}
