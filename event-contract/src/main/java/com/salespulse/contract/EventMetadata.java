package com.salespulse.contract;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvent attributes around a domain event's data.
 *
 * <p>Two times travel with every event. {@code time} is when the emitting service recorded the change (its clock at
 * the write). The business time, when the change happened, is the timestamp in the event's data ({@code createdAt},
 * {@code changedAt}, {@code convertedAt}, {@code hiredAt}, ...): the same instant for a change made live, an earlier
 * one when an integrator sends history or a late webhook with {@code occurredAt}. Metrics, periods and cohorts read
 * the business time; {@code time} says only when the event was written, e.g. for lag and replay.
 *
 * @param id unique event id; a consumer that has applied this id once ignores it afterwards
 * @param source the emitting service, e.g. {@code /salespulse/lead-service}
 * @param time when the change was recorded by the emitting service (UTC); not the business time, see above
 * @param tenant the company the event belongs to (extension attribute {@code tenant})
 * @param actor who caused the change: {@code user:<id>}, {@code integration:<name>} or {@code system:<process>}
 *        (extension attribute {@code actor})
 */
public record EventMetadata(UUID id, URI source, Instant time, String tenant, String actor) {

    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
    }
}
