package com.salespulse.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the suite's AsyncAPI 3.0 document from the contract: one channel per {@link Topics} topic, one message
 * per {@link EventType} (its payload the CloudEvents structured-mode envelope around the type's committed JSON
 * Schema), and the send/receive operations of each service. The only thing the contract does not know is which
 * service reads which topic; that is {@link #ROLES} below, the table of docs/architecture.md#topics, and a topic
 * missing from it fails the build.
 */
final class AsyncApiDocument {

    /** Who produces and who consumes a topic, and for a dead-letter topic which topics' records it holds. */
    record TopicRoles(String producer, List<String> consumers, List<String> deadLettersOf, String why) {}

    static final Map<String, TopicRoles> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put(
                Topics.LEAD_EVENTS,
                new TopicRoles(
                        "lead-service",
                        List.of("analytics-service", "deal-service"),
                        List.of(),
                        "Lead lifecycle and client base events. deal-service opens a deal on "
                                + "salespulse.lead.converted."));
        ROLES.put(
                Topics.ROSTER_EVENTS,
                new TopicRoles(
                        "lead-service",
                        List.of("analytics-service", "deal-service", "notification-service"),
                        List.of(),
                        "Teams, managers, absences, dismissals and card transfers. deal-service and notification-service keep "
                                + "a replica of managers and teams; deal-service moves open deals and tasks on "
                                + "salespulse.roster.card-transfer-started."));
        ROLES.put(
                Topics.DEAL_EVENTS,
                new TopicRoles(
                        "deal-service",
                        List.of("analytics-service", "lead-service"),
                        List.of(),
                        "Deals, tasks, activities, plans, products, pipelines and currencies. lead-service "
                                + "completes a card transfer on salespulse.deal.cards-transferred."));
        ROLES.put(
                Topics.ALERT_EVENTS,
                new TopicRoles(
                        "analytics-service",
                        List.of("notification-service"),
                        List.of(),
                        "Alerts raised and resolved by analytics-service."));
        ROLES.put(
                Topics.NOTIFICATION_EVENTS,
                new TopicRoles(
                        "notification-service",
                        List.of(),
                        List.of(),
                        "Delivery outcomes and subscription changes, for the suite to see what reached whom."));
        ROLES.put(
                Topics.LEAD_DEAD_LETTER,
                new TopicRoles(
                        "lead-service",
                        List.of(),
                        List.of(Topics.DEAL_EVENTS),
                        "Records lead-service could not apply."));
        ROLES.put(
                Topics.ANALYTICS_DEAD_LETTER,
                new TopicRoles(
                        "analytics-service",
                        List.of(),
                        List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS),
                        "Records analytics-service could not apply."));
        ROLES.put(
                Topics.DEAL_DEAD_LETTER,
                new TopicRoles(
                        "deal-service",
                        List.of(),
                        List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS),
                        "Records deal-service could not apply."));
        ROLES.put(
                Topics.NOTIFICATION_DEAD_LETTER,
                new TopicRoles(
                        "notification-service",
                        List.of(),
                        List.of(Topics.ALERT_EVENTS, Topics.ROSTER_EVENTS),
                        "Records notification-service could not apply."));
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEAD_LETTER_MESSAGE = "DeadLetteredRecord";

    private AsyncApiDocument() {}

    static ObjectNode generate() {
        for (String topic : Topics.all()) {
            if (!ROLES.containsKey(topic)) {
                throw new IllegalStateException(
                        "topic " + topic + " has no producer/consumers in AsyncApiDocument.ROLES");
            }
        }
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Sales Pulse events");
        info.put("version", "1.0.0");
        info.put("description", """
                Every Kafka topic of Sales Pulse, the events on it and their schemas. Generated from the event-contract \
                module (Topics, EventType and the JSON Schemas in src/main/resources/schemas) by AsyncApiDocumentTest; \
                do not edit by hand: `./mvnw -pl event-contract test -Dcontract.update-asyncapi=true`.

                Every record is a CloudEvents 1.0 event in structured JSON mode (header `content-type: \
                application/cloudevents+json`), keyed by the aggregate id (the CloudEvent `subject`), so one \
                aggregate's events stay in one partition, in order. Consumers deduplicate on the CloudEvent `id`. \
                The business time of a change is the timestamp in `data` (`createdAt`, `openedAt`, `movedAt`, ...); \
                the CloudEvent `time` is when it was recorded. Events evolve only by adding optional fields: \
                readers ignore fields they do not know.""");
        ObjectNode servers = doc.putObject("servers");
        ObjectNode local = servers.putObject("local");
        local.put("host", "localhost:19092");
        local.put("protocol", "kafka");
        local.put("description", "The KRaft broker ./run-local.sh starts (topics with 3 partitions each).");
        ObjectNode production = servers.putObject("production");
        production.put("host", "{bootstrapServers}");
        production.put("protocol", "kafka");
        production.put(
                "description",
                "The production cluster: the services' KAFKA_BOOTSTRAP_SERVERS "
                        + "(replication factor 3, min.insync.replicas=2; see deploy/).");
        production
                .putObject("variables")
                .putObject("bootstrapServers")
                .put("description", "host:port of a bootstrap broker");

        ObjectNode components = NODES.objectNode();
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEventEnvelope", envelope());
        ObjectNode messages = components.putObject("messages");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");

        for (EventType type : EventType.values()) {
            String name = type.dataClass().getSimpleName();
            if (messages.has(name)) {
                throw new IllegalStateException("two event types share the record name " + name);
            }
            schemas.set(name, hoistDefinitions(name, committedSchema(type), schemas));
            messages.set(name, message(type, name));
        }
        messages.set(DEAD_LETTER_MESSAGE, deadLetterMessage());

        for (Map.Entry<String, TopicRoles> entry : ROLES.entrySet()) {
            String topic = entry.getKey();
            TopicRoles roles = entry.getValue();
            String channelId = channelId(topic);
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic);
            channel.put("title", topic);
            channel.put(
                    "description",
                    roles.why()
                            + (roles.deadLettersOf().isEmpty()
                                    ? ""
                                    : " A record is copied here unchanged (same key and value) from "
                                            + String.join(", ", roles.deadLettersOf())
                                            + " with the reason in its headers; "
                                            + "to replay it, produce its value back to the original topic with the same key."));
            ObjectNode channelMessages = channel.putObject("messages");
            List<String> names = new ArrayList<>();
            if (roles.deadLettersOf().isEmpty()) {
                for (EventType type : EventType.values()) {
                    if (type.topic().equals(topic)) {
                        names.add(type.dataClass().getSimpleName());
                    }
                }
            } else {
                names.add(DEAD_LETTER_MESSAGE);
            }
            for (String name : names) {
                channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
            }
            channel.putObject("bindings")
                    .putObject("kafka")
                    .put("topic", topic)
                    .put("partitions", 3)
                    .put("bindingVersion", "0.5.0");

            ObjectNode send = operations.putObject(operationId(roles.producer(), "send", channelId));
            send.put("action", "send");
            send.putObject("channel").put("$ref", "#/channels/" + channelId);
            send.put(
                    "summary",
                    roles.producer()
                            + (roles.deadLettersOf().isEmpty()
                                    ? " publishes through its transactional outbox"
                                    : " copies the records it cannot apply"));
            messageRefs(send, channelId, names);
            for (String consumer : roles.consumers()) {
                ObjectNode receive = operations.putObject(operationId(consumer, "receive", channelId));
                receive.put("action", "receive");
                receive.putObject("channel").put("$ref", "#/channels/" + channelId);
                receive.put(
                        "summary",
                        consumer + " consumes " + topic
                                + " (idempotently: an event id it has applied once is skipped)");
                messageRefs(receive, channelId, names);
            }
        }
        doc.set("components", components);
        return doc;
    }

    private static void messageRefs(ObjectNode operation, String channelId, List<String> names) {
        ArrayNode refs = operation.putArray("messages");
        for (String name : names) {
            refs.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + name);
        }
    }

    private static ObjectNode message(EventType type, String name) {
        ObjectNode message = NODES.objectNode();
        message.put("name", type.type());
        message.put("title", name);
        message.put("summary", "CloudEvent type " + type.type() + " on " + type.topic());
        message.put("contentType", CloudEventCodec.CONTENT_TYPE);
        message.set("headers", contentTypeHeaders());
        ObjectNode payload = message.putObject("payload");
        ArrayNode allOf = payload.putArray("allOf");
        allOf.addObject().put("$ref", "#/components/schemas/CloudEventEnvelope");
        ObjectNode specific = allOf.addObject();
        specific.put("type", "object");
        ObjectNode properties = specific.putObject("properties");
        properties.putObject("type").put("const", type.type());
        properties.putObject("data").put("$ref", "#/components/schemas/" + name);
        message.putObject("bindings")
                .putObject("kafka")
                .put("bindingVersion", "0.5.0")
                .putObject("key")
                .put("type", "string")
                .put("format", "uuid")
                .put("description", "The aggregate id, equal to the CloudEvent subject.");
        return message;
    }

    private static ObjectNode contentTypeHeaders() {
        ObjectNode headers = NODES.objectNode();
        headers.put("type", "object");
        headers.putArray("required").add("content-type");
        headers.putObject("properties")
                .putObject("content-type")
                .put("type", "string")
                .put("const", CloudEventCodec.CONTENT_TYPE);
        return headers;
    }

    private static ObjectNode deadLetterMessage() {
        ObjectNode message = NODES.objectNode();
        message.put("name", "dead-lettered-record");
        message.put("title", "A record a consumer could not apply");
        message.put("summary", "The original record's key and value, unchanged; it may not be a CloudEvent at all.");
        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        properties
                .putObject("dead-letter-reason")
                .put("type", "string")
                .put(
                        "description",
                        "Why it was not applied, e.g. `not a CloudEvent: ...`, `unknown event type 'x'`, "
                                + "`data does not match salespulse.lead.created: ...`.");
        properties.putObject("dead-letter-cause").put("type", "string").put("description", "The underlying cause.");
        properties.putObject("dead-letter-topic").put("type", "string").put("description", "The original topic.");
        properties
                .putObject("dead-letter-partition")
                .put("type", "string")
                .put("description", "The original partition.");
        properties.putObject("dead-letter-offset").put("type", "string").put("description", "The original offset.");
        message.putObject("payload").put("description", "The original record value, byte for byte.");
        return message;
    }

    private static ObjectNode envelope() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "A CloudEvents 1.0 event in structured JSON mode, as CloudEventCodec writes it.");
        ArrayNode required = schema.putArray("required");
        for (String field : List.of(
                "specversion",
                "id",
                "source",
                "type",
                "subject",
                "time",
                "datacontenttype",
                "tenant",
                "actor",
                "data")) {
            required.add(field);
        }
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("type", "string").put("const", "1.0");
        properties
                .putObject("id")
                .put("type", "string")
                .put("format", "uuid")
                .put("description", "Unique per event; consumers deduplicate on it.");
        properties
                .putObject("source")
                .put("type", "string")
                .put("format", "uri-reference")
                .put("description", "The emitting service, e.g. /salespulse/lead-service.");
        properties
                .putObject("type")
                .put("type", "string")
                .put("description", "The event type; it names the schema of data.");
        properties
                .putObject("subject")
                .put("type", "string")
                .put("format", "uuid")
                .put("description", "The aggregate id (the lead, the deal); also the Kafka record key.");
        properties
                .putObject("time")
                .put("type", "string")
                .put("format", "date-time")
                .put("description", "When the event was recorded (UTC). The business time is in data.");
        properties.putObject("datacontenttype").put("type", "string").put("const", "application/json");
        properties
                .putObject("tenant")
                .put("type", "string")
                .put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")
                .put("description", "Extension attribute: the company the event belongs to.");
        properties
                .putObject("actor")
                .put("type", "string")
                .put(
                        "description",
                        "Extension attribute: who caused it, user:<id>, integration:<name> or system:<process>.");
        properties
                .putObject("traceparent")
                .put("type", "string")
                .put("pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
                .put(
                        "description",
                        "Optional, CloudEvents distributed-tracing extension: the W3C trace context of the span that"
                                + " wrote the event; consumers continue that trace. Also a Kafka header.");
        properties
                .putObject("tracestate")
                .put("type", "string")
                .put("description", "Optional, distributed-tracing extension: the W3C tracestate, when not empty.");
        properties.putObject("data").put("type", "object").put("description", "The event record as JSON.");
        return schema;
    }

    /** The committed schema, with {@code $defs} moved to components/schemas so every {@code $ref} resolves there. */
    private static ObjectNode hoistDefinitions(String owner, ObjectNode schema, ObjectNode componentSchemas) {
        ObjectNode copy = schema.deepCopy();
        copy.remove("$schema");
        String id = copy.remove("$id").asText();
        copy.put("x-schema-id", id);
        JsonNode defs = copy.remove("$defs");
        Map<String, String> renamed = new LinkedHashMap<>();
        if (defs != null) {
            for (Map.Entry<String, JsonNode> def : defs.properties()) {
                String name = def.getKey();
                JsonNode existing = componentSchemas.get(name);
                if (existing != null && !existing.equals(def.getValue())) {
                    name = owner + name;
                }
                componentSchemas.set(name, def.getValue());
                renamed.put("#/$defs/" + def.getKey(), "#/components/schemas/" + name);
            }
        }
        rewriteRefs(copy, renamed);
        return copy;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = renamed.get(ref.asText());
                if (target == null) {
                    throw new IllegalStateException("unexpected $ref " + ref.asText());
                }
                object.put("$ref", target);
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        }
    }

    static ObjectNode committedSchema(EventType type) {
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("no committed schema " + type.schemaResource());
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code salespulse.analytics.dead-letter} → {@code analyticsDeadLetter}. */
    static String channelId(String topic) {
        String[] words = topic.substring("salespulse.".length()).split("[.-]");
        StringBuilder id = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return id.toString();
    }

    private static String operationId(String service, String action, String channelId) {
        return channelId(("salespulse." + service).replace("-service", ""))
                + Character.toUpperCase(action.charAt(0))
                + action.substring(1)
                + Character.toUpperCase(channelId.charAt(0))
                + channelId.substring(1);
    }
}
