package com.salespulse.integration.owner;

import com.salespulse.problem.ProblemType;
import java.util.List;

/**
 * What an owner answered to one row, sorted by what the importer does next.
 *
 * @param status the HTTP status, or 0 when no answer came (connect error, timeout)
 * @param problemType the problem's {@code type}, when the answer was a problem
 * @param detail the problem's {@code detail}, or why no answer came
 * @param invalidFields the fields the problem named, as the owner named them (the row's JSON paths)
 * @param body the answer's body as received, for the error report
 */
public record OwnerAnswer(
        Outcome outcome, int status, String problemType, String detail, List<InvalidField> invalidFields, String body) {

    private static final String STALE_CHANGE = ProblemType.STALE_CHANGE.uri().toString();

    public enum Outcome {
        /** 2xx (201 created, 200 updated or unchanged): stored, or in a dry run found valid. */
        APPLIED,
        /** A 4xx about the row itself: recorded against the row, the job goes on. */
        REFUSED,
        /** A 400 only because an entity the row names by reference is not known to the owner (yet). */
        UNKNOWN_REFERENCE,
        /** 401 or 403: the owner does not accept this service's token; nothing will pass, the job stops. */
        TOKEN_REFUSED,
        /** No answer, 408, 425, 429 or 5xx: tried again later, never a row failure. */
        TRANSIENT
    }

    public record InvalidField(String field, String message) {}

    /**
     * True for a 409 whose problem {@code type} is {@code stale-change} (rest-problem's
     * {@code ProblemException.staleChange}): the owner already holds a later state of the card, so this record changes
     * nothing. Any other 409 (a reference reused with other content, a missing base currency) is false.
     */
    public boolean staleChange() {
        return status == 409 && STALE_CHANGE.equals(problemType);
    }

    public String firstField() {
        return invalidFields.isEmpty() ? null : invalidFields.get(0).field();
    }
}
