package com.salespulse.contract;

/**
 * A CloudEvent read from Kafka and decoded: its attributes, its type and its typed data.
 */
public record ReceivedEvent(EventMetadata metadata, EventType type, DomainEvent data) {

    public <T extends DomainEvent> T dataAs(Class<T> dataClass) {
        return dataClass.cast(data);
    }
}
