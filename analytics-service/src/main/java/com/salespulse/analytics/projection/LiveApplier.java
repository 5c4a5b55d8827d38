package com.salespulse.analytics.projection;

import com.salespulse.contract.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;

/**
 * Applies a batch to the live generation, retrying a failed attempt (the database briefly away, a lost serialization
 * race) a few times, each attempt in a fresh transaction. A bean of its own so that the retry wraps the transaction.
 */
@ApplicationScoped
public class LiveApplier {

    private final EventApplier applier;

    public LiveApplier(EventApplier applier) {
        this.applier = applier;
    }

    // a broken constraint or a value the schema refuses fails the same way every time: no point in waiting
    @Retry(
            maxRetries = 5,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            jitter = 100,
            abortOn = {ConstraintViolationException.class, DataException.class})
    public EventApplier.Applied apply(List<ReceivedEvent> events) {
        return applier.applyToLive(events);
    }
}
