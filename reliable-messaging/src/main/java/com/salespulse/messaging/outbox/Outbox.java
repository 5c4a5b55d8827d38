package com.salespulse.messaging.outbox;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.messaging.tracing.EventTracing;
import com.salespulse.messaging.tracing.TraceContext;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;

/**
 * Where services emit domain events. The event is written to the outbox table inside the caller's transaction,
 * so it commits if and only if the change commits; {@link OutboxRelay} publishes it to Kafka afterwards.
 * Never send to Kafka from a business transaction.
 */
@ApplicationScoped
public class Outbox {

    /** The key of this transaction's nudge in the transaction's resources: registered once a transaction. */
    private static final Object NUDGE = new Object();

    private final OutboxEventRepository repository;
    private final URI source;
    private final Clock clock;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final ActingScope acting;
    private final EventTracing tracing;

    public Outbox(
            OutboxEventRepository repository,
            OutboxConfig config,
            Clock clock,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay,
            ActingScope acting,
            EventTracing tracing) {
        this.repository = repository;
        this.tracing = tracing;
        this.acting = acting;
        this.source = URI.create(config.source());
        this.clock = clock;
        this.transactions = transactions;
        this.relay = relay;
    }

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
                UUID.randomUUID(), source, clock.instant(), tenant, actor, trace.traceparent(), trace.tracestate());
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
        repository.insert(row);
        nudgeTheRelayOnCommit();
        return row.id;
    }

    /**
     * Once a transaction, however many events it writes: after it commits, the relay is nudged to send them now
     * rather than at its next poll. (A CDI event observed after success did this before, at the price of an event
     * and a synchronisation per emitted event.)
     */
    private void nudgeTheRelayOnCommit() {
        if (transactions.getResource(NUDGE) != null) {
            return;
        }
        transactions.putResource(NUDGE, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.onCommit();
                }
            }
        });
    }
}
