package com.salespulse.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.time.ZoneOffset;

/**
 * Encodes domain events as CloudEvents 1.0 in structured JSON mode and decodes them back, with the CloudEvents
 * Java SDK doing the envelope. Thread-safe; one instance per application is enough.
 */
public class CloudEventCodec {

    /** The {@code content-type} of a structured-mode CloudEvent record. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    public static final String TENANT_EXTENSION = "tenant";
    public static final String ACTOR_EXTENSION = "actor";
    /** The CloudEvents distributed-tracing extension: the W3C trace context of the span that wrote the event. */
    public static final String TRACEPARENT_EXTENSION = "traceparent";

    public static final String TRACESTATE_EXTENSION = "tracestate";

    private final JsonFormat format =
            (JsonFormat) EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // events evolve by adding optional fields: an older reader must accept a newer event
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public byte[] encode(EventMetadata metadata, DomainEvent data) {
        EventType type = EventType.of(data);
        try {
            CloudEventBuilder builder = CloudEventBuilder.v1()
                    .withId(metadata.id().toString())
                    .withSource(metadata.source())
                    .withType(type.type())
                    .withSubject(data.aggregateId().toString())
                    .withTime(metadata.time().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withExtension(TENANT_EXTENSION, metadata.tenant())
                    .withExtension(ACTOR_EXTENSION, metadata.actor())
                    .withData(json.writeValueAsBytes(data));
            if (metadata.traceparent() != null) {
                builder.withExtension(TRACEPARENT_EXTENSION, metadata.traceparent());
            }
            if (metadata.tracestate() != null && !metadata.tracestate().isEmpty()) {
                builder.withExtension(TRACESTATE_EXTENSION, metadata.tracestate());
            }
            return format.serialize(builder.build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + type.type(), e);
        }
    }

    /**
     * @throws MalformedEventException when the bytes are not a Sales Pulse CloudEvent of a known type
     */
    public ReceivedEvent decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty record value");
        }
        CloudEvent event;
        try {
            event = format.deserialize(bytes);
        } catch (EventDeserializationException | IllegalStateException | IllegalArgumentException e) {
            throw new MalformedEventException("not a CloudEvent: " + rootMessage(e), e);
        }
        EventType type = EventType.ofType(event.getType())
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + event.getType() + "'"));
        Object tenant = event.getExtension(TENANT_EXTENSION);
        Object actor = event.getExtension(ACTOR_EXTENSION);
        if (tenant == null || tenant.toString().isBlank()) {
            throw new MalformedEventException("missing extension attribute 'tenant'");
        }
        if (actor == null || actor.toString().isBlank()) {
            throw new MalformedEventException("missing extension attribute 'actor'");
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("missing attribute 'time'");
        }
        if (event.getData() == null) {
            throw new MalformedEventException("missing 'data'");
        }
        DomainEvent data;
        try {
            // the SDK has already parsed JSON data into a tree: bind the tree, rather than write it out and parse it
            // again
            data = event.getData() instanceof JsonCloudEventData tree
                    ? json.treeToValue(tree.getNode(), type.dataClass())
                    : json.readValue(event.getData().toBytes(), type.dataClass());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new MalformedEventException("data does not match " + type.type() + ": " + rootMessage(e), e);
        }
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(event.getId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("id is not a UUID: '" + event.getId() + "'");
        }
        EventMetadata metadata = new EventMetadata(
                id,
                URI.create(event.getSource().toString()),
                event.getTime().toInstant(),
                tenant.toString(),
                actor.toString(),
                text(event.getExtension(TRACEPARENT_EXTENSION)),
                text(event.getExtension(TRACESTATE_EXTENSION)));
        return new ReceivedEvent(metadata, type, data);
    }

    /** The JSON mapper used for event data, for tests and tools that need to read data the same way. */
    public ObjectMapper dataMapper() {
        return json;
    }

    /** A tracing attribute as text; a malformed one is the tracer's business (it ignores it), not a refusal. */
    private static String text(Object attribute) {
        return attribute == null || attribute.toString().isBlank() ? null : attribute.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof com.fasterxml.jackson.core.JsonProcessingException json
                ? json.getOriginalMessage() // without Jackson's source location
                : root.getMessage();
        if (message == null) {
            message = root.getClass().getSimpleName();
        }
        // keep the first line only, without Jackson's pointer into the (redacted) source
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        int marker = firstLine.indexOf(" (start marker at");
        return marker < 0 ? firstLine : firstLine.substring(0, marker);
    }
}
