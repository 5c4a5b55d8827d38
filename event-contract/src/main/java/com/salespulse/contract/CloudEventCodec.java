package com.salespulse.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.types.Time;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

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

    private static final String DATA = "data";
    private static final String JSON_DATA = "application/json";
    // the attributes this codec writes, by their index in readPlain's array
    private static final int SPECVERSION = 0;
    private static final int ID = 1;
    private static final int SOURCE = 2;
    private static final int TYPE = 3;
    private static final int DATACONTENTTYPE = 4;
    private static final int SUBJECT = 5;
    private static final int TIME = 6;
    private static final int TENANT = 7;
    private static final int ACTOR = 8;
    private static final int TRACEPARENT = 9;
    private static final int TRACESTATE = 10;
    private static final Map<String, Integer> PLAIN_ATTRIBUTES = Map.ofEntries(
            Map.entry("specversion", SPECVERSION),
            Map.entry("id", ID),
            Map.entry("source", SOURCE),
            Map.entry("type", TYPE),
            Map.entry("datacontenttype", DATACONTENTTYPE),
            Map.entry("subject", SUBJECT),
            Map.entry("time", TIME),
            Map.entry(TENANT_EXTENSION, TENANT),
            Map.entry(ACTOR_EXTENSION, ACTOR),
            Map.entry(TRACEPARENT_EXTENSION, TRACEPARENT),
            Map.entry(TRACESTATE_EXTENSION, TRACESTATE));

    private final JsonFormat format =
            (JsonFormat) EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            // the instants this codec writes read without java.time's formatters; any other text as before
            .registerModule(IsoInstants.jacksonModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // events evolve by adding optional fields: an older reader must accept a newer event
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /**
     * A reader per event type for {@link #readPlain}: the type's deserializer found once, where {@code json.readValue}
     * looks it up and builds a reading context for every event.
     */
    private final Map<EventType, ObjectReader> dataReaders = readers(json);
    /** The data's writer, found once: {@code json.writeValueAsBytes} sets one up for every event. */
    private final ObjectWriter dataWriter = json.writer();

    /**
     * The event as a structured-mode CloudEvent: the attributes the SDK would write ({@link #encodeThroughSdk}, the
     * same JSON object: CloudEventCodecTest compares them), written straight to the bytes with the data serialized
     * into the envelope. The SDK built an event, validated it, wrote the data to bytes and then copied those bytes
     * into the envelope through a String; that was most of the outbox write's CPU (docs/benchmarks.md, the write path).
     */
    public byte[] encode(EventMetadata metadata, DomainEvent data) {
        EventType type = EventType.of(data);
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("specversion", "1.0");
            out.writeStringField("id", metadata.id().toString());
            out.writeStringField("source", metadata.source().toString());
            out.writeStringField("type", type.type());
            out.writeStringField("datacontenttype", JSON_DATA);
            out.writeStringField("subject", data.aggregateId().toString());
            out.writeStringField("time", Time.writeTime(metadata.time().atOffset(ZoneOffset.UTC)));
            out.writeStringField(TENANT_EXTENSION, metadata.tenant());
            out.writeStringField(ACTOR_EXTENSION, metadata.actor());
            if (metadata.traceparent() != null) {
                out.writeStringField(TRACEPARENT_EXTENSION, metadata.traceparent());
            }
            if (metadata.tracestate() != null && !metadata.tracestate().isEmpty()) {
                out.writeStringField(TRACESTATE_EXTENSION, metadata.tracestate());
            }
            out.writeFieldName(DATA);
            dataWriter.writeValue(out, data);
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialize " + type.type(), e);
        }
        return bytes.toByteArray();
    }

    /** The event as the CloudEvents SDK writes it: what {@link #encode} wrote before it wrote the JSON itself. */
    byte[] encodeThroughSdk(EventMetadata metadata, DomainEvent data) {
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
     * Decodes a record in one pass over its bytes when it has the shape this codec writes ({@link #readPlain}); any
     * other record, valid or not, is decoded by the SDK ({@link #decodeThroughSdk}), which gives the same event or the
     * same refusal as before the one-pass read existed.
     *
     * @throws MalformedEventException when the bytes are not a Sales Pulse CloudEvent of a known type
     */
    public ReceivedEvent decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty record value");
        }
        ReceivedEvent plain = readPlain(bytes);
        return plain != null ? plain : decodeThroughSdk(bytes);
    }

    /**
     * The event, read from the bytes in one pass with the data bound straight to its record, when the record has the
     * shape {@link #encode} writes and passes every check of {@link #decodeThroughSdk}; otherwise null, and the SDK
     * decides. It accepts a subset of what the SDK accepts, never more: only the attributes this codec writes, each
     * once and each a string ({@code specversion} 1.0, {@code datacontenttype} application/json, {@code source} a URI,
     * {@code time} as the SDK parses it), {@code data} an object, nothing after the closing brace; then the same checks
     * as below (a known type, tenant, actor, time, data that binds to the type's record, a UUID id). A refusal always
     * comes from the SDK path, so its reason reads the same.
     * <p>
     * Why: the SDK parses the whole event into a JSON tree and the data was then bound from that tree, two passes that
     * were most of the consumers' time per event. Binding from the bytes also keeps a decimal's digits as written (the
     * tree held it as a double: {@code 92.50} came out as {@code 92.5}, and beyond 17 digits it was rounded).
     */
    private ReceivedEvent readPlain(byte[] bytes) {
        try (JsonParser parser = json.getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String[] attributes = new String[PLAIN_ATTRIBUTES.size()];
            EventType type = null;
            DomainEvent data = null;
            TokenBuffer dataBeforeType = null;
            boolean hasData = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (DATA.equals(name)) {
                    if (hasData || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    hasData = true;
                    if (type != null) {
                        data = dataReaders.get(type).readValue(parser);
                    } else {
                        dataBeforeType = new TokenBuffer(parser);
                        dataBeforeType.copyCurrentStructure(parser);
                    }
                    continue;
                }
                Integer at = PLAIN_ATTRIBUTES.get(name);
                if (at == null || attributes[at] != null || value != JsonToken.VALUE_STRING) {
                    return null;
                }
                attributes[at] = parser.getText();
                if (at == TYPE) {
                    type = EventType.ofType(attributes[at]).orElse(null);
                    if (type == null) {
                        return null;
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
            String tenant = attributes[TENANT];
            String actor = attributes[ACTOR];
            if (!"1.0".equals(attributes[SPECVERSION])
                    || attributes[ID] == null
                    || attributes[SOURCE] == null
                    || type == null
                    || !JSON_DATA.equals(attributes[DATACONTENTTYPE])
                    || attributes[TIME] == null
                    || tenant == null
                    || tenant.isBlank()
                    || actor == null
                    || actor.isBlank()
                    || !hasData) {
                return null;
            }
            if (data == null) {
                try (JsonParser buffered = dataBeforeType.asParser()) {
                    data = dataReaders.get(type).readValue(buffered);
                }
            }
            return new ReceivedEvent(
                    new EventMetadata(
                            UUID.fromString(attributes[ID]),
                            new URI(attributes[SOURCE]),
                            time(attributes[TIME]),
                            tenant,
                            actor,
                            text(attributes[TRACEPARENT]),
                            text(attributes[TRACESTATE])),
                    type,
                    data);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // not in the plain shape, or refused: the SDK path decides, and names the reason
            return null;
        }
    }

    private static Map<EventType, ObjectReader> readers(ObjectMapper json) {
        Map<EventType, ObjectReader> readers = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            readers.put(type, json.readerFor(type.dataClass()));
        }
        return readers;
    }

    /** The {@code time} attribute: the shapes {@link #encode} writes read fast, any other as the SDK reads it. */
    private static Instant time(String text) {
        Instant fast = IsoInstants.parse(text);
        return fast != null ? fast : Time.parseTime(text).toInstant();
    }

    /** The event as the CloudEvents SDK reads it: the envelope parsed into a tree, then the data bound from it. */
    ReceivedEvent decodeThroughSdk(byte[] bytes) {
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
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("data does not match " + type.type() + ": " + rootMessage(e), e);
        }
        UUID id;
        try {
            id = UUID.fromString(event.getId());
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
