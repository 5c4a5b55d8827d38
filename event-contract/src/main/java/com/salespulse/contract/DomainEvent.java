package com.salespulse.contract;

import java.util.UUID;

/**
 * The payload ({@code data}) of a Sales Pulse CloudEvent. Implementations are records named
 * {@code <Aggregate><PastTense>}; they evolve only by adding optional components.
 */
public interface DomainEvent {

    /** The id of the aggregate the event is about; it becomes the CloudEvent subject and the Kafka record key. */
    UUID aggregateId();
}
