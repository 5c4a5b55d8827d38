package com.salespulse.messaging.outbox;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.messaging.tracing.EventTracing;
import com.salespulse.messaging.tracing.TraceContext;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * Where services emit domain events. The event is written to the outbox table inside the caller's transaction,
 * so it commits if and only if the change commits; {@link OutboxRelay} publishes it to Kafka afterwards.
 * Never send to Kafka from a business transaction.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxEventRepository repository;
    private final OutboxConfig config;
    private final Clock clock;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final Event<OutboxWritten> written;
    private final ActingScope acting;
    private final EventTracing tracing;

    public Outbox(
            OutboxEventRepository repository,
            OutboxConfig config,
            Clock clock,
            Event<OutboxWritten> written,
            ActingScope acting,
            EventTracing tracing) {
        this.repository = repository;
        this.tracing = tracing;
        this.acting = acting;
        this.config = config;
        this.clock = clock;
        this.written = written;
    }

    /** Fired inside the writing transaction; observers that care about the commit observe AFTER_SUCCESS. */
    public record OutboxWritten(UUID eventId) {}

    /**
     * Writes {@code data} for the tenant acted for, as the actor who acts ({@link ActingScope}): the caller of an HTTP
     * request, or whom a consumer or scheduler acts for.
     *
     * @return the event id
     * @throws IllegalStateException when no tenant is acted for or nobody acts: an event must name both
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID emit(DomainEvent data) {
        return write(acting.requireTenant(), acting.actor(), data);
    }

    private UUID write(String tenant, String actor, DomainEvent data) {
        EventType type = EventType.of(data);
        // the writer's trace travels in the event: the relay sends it later, outside this request's span
        TraceContext trace = tracing.current();
        EventMetadata metadata = new EventMetadata(
                UUID.randomUUID(),
                java.net.URI.create(config.source()),
                clock.instant(),
                tenant,
                actor,
                trace.traceparent(),
                trace.tracestate());
        OutboxEvent row = new OutboxEvent();
        row.id = metadata.id();
        row.tenantId = tenant;
        row.aggregateType = type.aggregateType();
        row.aggregateId = data.aggregateId();
        row.eventType = type.type();
        row.topic = type.topic();
        row.payload = codec.encode(metadata, data);
        row.createdAt = metadata.time();
        row.traceparent = trace.traceparent();
        row.tracestate = trace.tracestate();
        repository.persist(row);
        written.fire(new OutboxWritten(row.id));
        return row.id;
    }
}
