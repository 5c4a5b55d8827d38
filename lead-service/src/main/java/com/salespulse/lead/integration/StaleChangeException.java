package com.salespulse.lead.integration;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;

/**
 * A change sent for a business time before the card's last recorded change: history comes in time order per card, so
 * an older change (a webhook delivered late) would roll the card back. 409 of type {@code stale-change}, naming
 * {@code occurredAt}, both times in the detail.
 */
public class StaleChangeException extends ProblemException {

    public static final URI TYPE = URI.create("urn:salespulse:problem:stale-change");

    public StaleChangeException(String card, Instant occurredAt, Instant lastChangedAt) {
        super(ProblemType.CONFLICT, card + " last changed at " + lastChangedAt + "; a change at " + occurredAt
                + " is older and would roll it back", List.of(new Problem.InvalidField(BusinessTime.FIELD,
                        "is before the card's last change at " + lastChangedAt)));
    }

    @Override
    public Problem toProblem() {
        Problem problem = super.toProblem();
        return new Problem(TYPE, "Stale change", problem.status(), problem.detail(), problem.invalidFields());
    }
}
