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
 * @param traceparent the W3C trace context of the span that wrote the event (extension attribute {@code traceparent}
 *        of the CloudEvents distributed-tracing extension), so a consumer continues the writer's trace; null when the
 *        writer had no trace
 * @param tracestate the vendor part of the trace context (extension attribute {@code tracestate}); null when empty
 */
public record EventMetadata(
        UUID id, URI source, Instant time, String tenant, String actor, String traceparent, String tracestate) {

    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
    }

    /** An event written outside any trace. */
    public EventMetadata(UUID id, URI source, Instant time, String tenant, String actor) {
        this(id, source, time, tenant, actor, null, null);
    }
}
