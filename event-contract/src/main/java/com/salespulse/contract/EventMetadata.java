package com.salespulse.contract;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvent attributes around a domain event's data.
 *
 * @param id unique event id; a consumer that has applied this id once ignores it afterwards
 * @param source the emitting service, e.g. {@code /salespulse/lead-service}
 * @param time when the change happened (UTC)
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
