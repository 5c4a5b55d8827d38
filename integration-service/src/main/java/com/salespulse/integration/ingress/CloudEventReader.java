package com.salespulse.integration.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.problem.ApiJsonReader;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the CloudEvents HTTP binding (binary, structured and batch modes) with the CloudEvents SDK, and checks what
 * this ingress needs beyond it: spec version 1.0, a known {@code type}, JSON object {@code data} naming its card by
 * {@code externalSystem} and {@code externalId}. A refused event's problem names the attribute ({@code id},
 * {@code source}, {@code type}, {@code time}, ...) or the data field ({@code data.externalId}).
 */
@ApplicationScoped
public class CloudEventReader {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";

    static final int MAX_ID = 200;
    static final int MAX_SOURCE = 500;
    static final int MAX_SUBJECT = 500;
    private static final Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");
    private static final Pattern NAMED_ATTRIBUTE =
            Pattern.compile("(?:for \"([^\"]+)\"|Attribute '([^']+)'|Invalid attribute: (\\S+)|Invalid specversion)");

    private static final Map<String, String> ATTRIBUTE_RULES = Map.of(
            "time", "an RFC 3339 timestamp with offset, e.g. 2025-03-01T10:00:00+03:00",
            "source", "a URI-reference",
            "dataschema", "an absolute URI",
            "datacontenttype", "a media type: application/json");

    /** One element of the request: a well-formed event, or the problem that refuses it (with what it could tell). */
    public record Received(String id, String source, String type, PushEvent event, Problem problem) {

        static Received refused(JsonNode envelope, ProblemException problem) {
            return new Received(
                    text(envelope, "id"), text(envelope, "source"), text(envelope, "type"), null, problem.toProblem());
        }
    }

    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final JsonFormat format = new JsonFormat();

    public CloudEventReader(ObjectMapper json) {
        this.json = ApiJsonReader.strict(json.copy());
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** A structured-mode body: one event, refused whole when it is not well formed. */
    public PushEvent structured(byte[] body) {
        return fromStructured(readTree(body));
    }

    /** A batch-mode body: a JSON array of structured events, each read on its own. */
    public List<Received> batch(byte[] body, int maxEvents) {
        JsonNode tree = readTree(body);
        if (!(tree instanceof ArrayNode events)) {
            throw new ProblemException(
                    ProblemType.INVALID_REQUEST,
                    "A batch (" + BATCH + ") is a JSON array of CloudEvents in the JSON format",
                    List.of());
        }
        if (events.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The batch holds no event", List.of());
        }
        if (events.size() > maxEvents) {
            throw new ProblemException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The batch holds " + events.size() + " events; at most " + maxEvents + " are taken in one request",
                    List.of());
        }
        List<Received> received = new ArrayList<>(events.size());
        for (JsonNode element : events) {
            try {
                PushEvent event = fromStructured(element);
                received.add(
                        new Received(event.id(), event.source(), event.type().type(), event, null));
            } catch (ProblemException e) {
                received.add(Received.refused(element, e));
            }
        }
        return received;
    }

    /** A binary-mode request: the attributes in {@code ce-*} headers, data the body. */
    public PushEvent binary(Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        for (String attribute : REQUIRED) {
            String value = lower.get("ce-" + attribute);
            if (value == null || value.isBlank()) {
                throw ProblemException.invalidField(
                        attribute,
                        "is required (header ce-" + attribute + ")"
                                + (attribute.equals("specversion")
                                        ? "; a structured event is sent as " + STRUCTURED
                                        : ""));
            }
        }
        checkAttributes(
                lower.get("ce-specversion"),
                lower.get("ce-id"),
                lower.get("ce-source"),
                lower.get("ce-type"),
                lower.get("ce-subject"));
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReader(lower, body).toEvent();
        } catch (RuntimeException e) {
            throw sdkRefusal(e);
        }
        return accepted(event);
    }

    private PushEvent fromStructured(JsonNode envelope) {
        if (!(envelope instanceof ObjectNode)) {
            throw new ProblemException(
                    ProblemType.INVALID_REQUEST, "An event is a JSON object in the CloudEvents JSON format", List.of());
        }
        for (String attribute : REQUIRED) {
            JsonNode value = envelope.get(attribute);
            if (value == null || value.isNull()) {
                throw ProblemException.invalidField(attribute, "is required");
            }
            if (!value.isTextual()) {
                throw ProblemException.invalidField(attribute, "must be a string");
            }
        }
        JsonNode contentType = envelope.get("datacontenttype");
        if (contentType != null
                && !contentType.isNull()
                && (!contentType.isTextual() || !isJson(contentType.asText()))) {
            throw ProblemException.invalidField("datacontenttype", "must be application/json (or left out)");
        }
        JsonNode subject = envelope.get("subject");
        checkAttributes(
                text(envelope, "specversion"),
                text(envelope, "id"),
                text(envelope, "source"),
                text(envelope, "type"),
                subject != null && subject.isTextual() ? subject.asText() : null);
        CloudEvent event;
        try {
            event = format.deserialize(json.writeValueAsBytes(envelope));
        } catch (RuntimeException | JsonProcessingException e) {
            throw sdkRefusal(e);
        }
        return accepted(event);
    }

    /** The required attributes' values, before the SDK reads them (so a problem names them exactly). */
    private static void checkAttributes(String specversion, String id, String source, String type, String subject) {
        if (!SpecVersion.V1.toString().equals(specversion)) {
            throw ProblemException.invalidField("specversion", "must be 1.0");
        }
        checkText("id", id, MAX_ID);
        checkText("source", source, MAX_SOURCE);
        checkText("type", type, 200);
        if (PushType.ofType(type).isEmpty()) {
            throw ProblemException.invalidField(
                    "type", "is not a type this ingress takes; one of " + String.join(", ", PushType.types()));
        }
        if (subject != null) {
            checkText("subject", subject, MAX_SUBJECT);
        }
    }

    private static void checkText(String attribute, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(attribute, "must not be blank");
        }
        if (value.length() > max) {
            throw ProblemException.invalidField(attribute, "must be at most " + max + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw ProblemException.invalidField(attribute, "must not contain the NUL character");
        }
    }

    /** The event as the SDK read it, checked for what the ingress needs, and turned into the owner's body. */
    private PushEvent accepted(CloudEvent event) {
        PushType type = PushType.ofType(event.getType()).orElseThrow();
        String contentType = event.getDataContentType();
        if (contentType != null && !isJson(contentType)) {
            throw ProblemException.invalidField("datacontenttype", "must be application/json");
        }
        ObjectNode data = dataOf(event.getData());
        String externalSystem = requiredText(data, "externalSystem");
        if (externalSystem.length() > 40 || !SYSTEM.matcher(externalSystem).matches()) {
            throw ProblemException.invalidField(
                    "data.externalSystem",
                    "must be lower case letters, digits, '.', '_' or '-', 1 to 40, starting with a letter or digit");
        }
        String externalId = requiredText(data, "externalId");
        if (externalId.isBlank() || externalId.length() > 100 || externalId.contains("/")) {
            throw ProblemException.invalidField("data.externalId", "must be 1 to 100 characters, not blank, no '/'");
        }

        ObjectNode body = data.deepCopy();
        body.remove("externalSystem");
        body.remove("externalId");
        if (type.impliedStatus() != null) {
            JsonNode status = body.get("status");
            if (status == null || status.isNull()) {
                body.put("status", type.impliedStatus());
            } else if (!status.isTextual() || !status.asText().equals(type.impliedStatus())) {
                throw ProblemException.invalidField(
                        "data.status", "must be " + type.impliedStatus() + " for " + type.type() + " (or left out)");
            }
        }
        if (!type.requiresOneOf().isEmpty()
                && type.requiresOneOf().stream()
                        .allMatch(field ->
                                body.get(field) == null || body.get(field).isNull())) {
            throw ProblemException.invalidField(
                    "data." + type.requiresOneOf().get(0),
                    "is required for "
                            + type.type()
                            + (type.requiresOneOf().size() > 1
                                    ? " (or "
                                            + String.join(
                                                    " or ",
                                                    type.requiresOneOf()
                                                            .subList(
                                                                    1,
                                                                    type.requiresOneOf()
                                                                            .size()))
                                            + ")"
                                    : ""));
        }
        OffsetDateTime time = event.getTime();
        boolean fromTime = false;
        if (time != null
                && (body.get("occurredAt") == null || body.get("occurredAt").isNull())) {
            body.put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            fromTime = true;
        }
        return new PushEvent(
                event.getId(),
                event.getSource().toString(),
                type,
                externalSystem,
                externalId.trim(),
                body,
                fromTime,
                contentSha256(event, data));
    }

    private ObjectNode dataOf(CloudEventData data) {
        if (data == null) {
            throw ProblemException.invalidField(
                    "data", "is required: the card's state, with externalSystem and " + "externalId");
        }
        JsonNode node;
        if (data instanceof JsonCloudEventData jsonData) {
            node = jsonData.getNode();
        } else {
            try {
                node = json.readTree(data.toBytes());
            } catch (IOException e) {
                throw ProblemException.invalidField("data", "must be a JSON object (" + firstLine(e) + ")");
            }
        }
        if (!(node instanceof ObjectNode object)) {
            throw ProblemException.invalidField("data", "must be a JSON object");
        }
        if (containsNul(object)) {
            throw ProblemException.invalidField("data", "must not contain the NUL character");
        }
        return object;
    }

    private static String requiredText(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            throw ProblemException.invalidField("data." + field, "is required: the card's reference");
        }
        if (!value.isTextual()) {
            throw ProblemException.invalidField("data." + field, "must be a string");
        }
        return value.asText();
    }

    /** SHA-256 of the event's content: type, subject, time (as an instant) and data, as canonical JSON. */
    private String contentSha256(CloudEvent event, ObjectNode data) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("type", event.getType());
        content.put("subject", event.getSubject());
        content.put(
                "time",
                event.getTime() == null ? null : event.getTime().toInstant().toString());
        content.set("data", data);
        try {
            byte[] bytes = canonical.writeValueAsBytes(canonical.convertValue(content, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "The body is empty", List.of());
            }
            return tree;
        } catch (IOException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The body is not JSON: " + firstLine(e), List.of());
        }
    }

    /** An SDK refusal as a problem naming the attribute its message names. */
    private static ProblemException sdkRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            Matcher named = message == null ? null : NAMED_ATTRIBUTE.matcher(message);
            if (named != null && named.find()) {
                String attribute = named.group(1) != null
                        ? named.group(1)
                        : named.group(2) != null
                                ? named.group(2)
                                : named.group(3) != null ? named.group(3) : "specversion";
                return ProblemException.invalidField(
                        attribute,
                        "is not a valid value of this CloudEvents "
                                + "attribute ("
                                + ATTRIBUTE_RULES.getOrDefault(attribute, "see the CloudEvents 1.0 spec")
                                + ")");
            }
        }
        return new ProblemException(
                ProblemType.INVALID_REQUEST, "Not a CloudEvent in the JSON format of CloudEvents " + "1.0", List.of());
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\0') >= 0;
        }
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().indexOf('\0') >= 0 || containsNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(JsonNode envelope, String attribute) {
        JsonNode value = envelope == null ? null : envelope.get(attribute);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String firstLine(Throwable e) {
        String message = e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
        if (message == null) {
            message = "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
