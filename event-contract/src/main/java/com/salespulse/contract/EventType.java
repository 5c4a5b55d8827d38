package com.salespulse.contract;

import java.util.Arrays;
import java.util.Optional;

import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadUpdated;

/**
 * The catalogue of event types: the CloudEvent {@code type}, the record that carries its data, the topic
 * it is published to. A consumer dispatches on this enum, never on string comparisons.
 */
public enum EventType {

    LEAD_CREATED("salespulse.lead.created", LeadCreated.class, Topics.LEAD_EVENTS),
    LEAD_UPDATED("salespulse.lead.updated", LeadUpdated.class, Topics.LEAD_EVENTS);

    private final String type;
    private final Class<? extends DomainEvent> dataClass;
    private final String topic;

    EventType(String type, Class<? extends DomainEvent> dataClass, String topic) {
        this.type = type;
        this.dataClass = dataClass;
        this.topic = topic;
    }

    /** The CloudEvent {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The aggregate family, the middle part of the type: {@code lead} for {@code salespulse.lead.created}. */
    public String aggregateType() {
        return type.split("\\.")[1];
    }

    public Class<? extends DomainEvent> dataClass() {
        return dataClass;
    }

    public String topic() {
        return topic;
    }

    /** The file name of this type's JSON Schema under {@code schemas/} on the classpath. */
    public String schemaResource() {
        return "schemas/" + type + ".schema.json";
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(DomainEvent data) {
        return Arrays.stream(values()).filter(t -> t.dataClass.equals(data.getClass())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type is registered for " + data.getClass()));
    }
}
