package com.salespulse.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Thrown by resources and services to answer with a problem: a refused field, a missing card, a conflict.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.InvalidField> invalidFields;
    /** When the caller may try again, sent as {@code Retry-After} (429, 503); empty for most problems. */
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail, List<Problem.InvalidField> invalidFields) {
        this(type, detail, invalidFields, null);
    }

    private ProblemException(
            ProblemType type, String detail, List<Problem.InvalidField> invalidFields, Duration retryAfter) {
        super(detail);
        this.type = type;
        this.invalidFields = List.copyOf(invalidFields);
        this.retryAfter = retryAfter;
    }

    /** 429 {@code too-many-requests}, telling the caller how long to wait ({@code Retry-After}, whole seconds). */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(ProblemType.TOO_MANY_REQUESTS, detail, List.of(), retryAfter);
    }

    /** 503 {@code unavailable}: a dependency the service needs is away; the caller may retry after {@code retryAfter}. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(ProblemType.UNAVAILABLE, detail, List.of(), retryAfter);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                ProblemType.INVALID_REQUEST, field + ": " + message, List.of(new Problem.InvalidField(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " was not found", List.of());
    }

    /**
     * 409 {@code stale-change}: a change sent for a business time before the card's last recorded change. History
     * comes in time order per card, so an older change (a webhook delivered late) would roll the card back. Names
     * {@code occurredAt}; both times are in the detail.
     */
    public static ProblemException staleChange(
            String card, java.time.Instant occurredAt, java.time.Instant lastChange) {
        String message = "is " + occurredAt + ", before the last recorded change of " + card + " at " + lastChange
                + ": changes of a card are sent in time order";
        return new ProblemException(
                ProblemType.STALE_CHANGE,
                "occurredAt: " + message,
                List.of(new Problem.InvalidField("occurredAt", message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, List.of());
    }

    public Problem toProblem() {
        return new Problem(type.uri(), type.title(), type.status(), getMessage(), invalidFields);
    }
}
