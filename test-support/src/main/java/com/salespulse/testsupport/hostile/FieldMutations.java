package com.salespulse.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Walks a request body's OpenAPI schema beside a valid body and lists, for every field, the hostile values its
 * schema says must be refused. A field is named by its JSON path as the client sends it: {@code source},
 * {@code lines[0].quantity}, {@code toManagerIds[1]}.
 */
final class FieldMutations {

    /** One hostile body: the valid body with one field changed or removed. */
    record Mutation(String field, String what, JsonNode body) {}

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    private final JsonNode components;
    private final Set<String> anyUuid;
    private final List<String> undeclared = new ArrayList<>();

    FieldMutations(JsonNode openApi, Set<String> anyUuid) {
        this.components = openApi.path("components").path("schemas");
        this.anyUuid = anyUuid;
    }

    /** String fields without a maximum length, found while walking: each is a failure of its own. */
    List<String> undeclaredMaxLength() {
        return undeclared;
    }

    List<Mutation> of(JsonNode schema, JsonNode validBody) {
        List<Mutation> mutations = new ArrayList<>();
        walk(resolve(schema), validBody, new ArrayList<>(), mutations);
        return mutations;
    }

    /** A step of a JSON path: a property name or an array index. */
    private record Step(String name, int index) {
        static Step property(String name) {
            return new Step(name, -1);
        }

        static Step element(int index) {
            return new Step(null, index);
        }
    }

    private void walk(JsonNode schema, JsonNode validBody, List<Step> at, List<Mutation> out) {
        JsonNode properties = schema.path("properties");
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            List<Step> path = new ArrayList<>(at);
            path.add(Step.property(property.getKey()));
            field(
                    property.getKey(),
                    resolve(property.getValue()),
                    required.contains(property.getKey()),
                    validBody,
                    path,
                    out);
        }
    }

    private void field(
            String name, JsonNode schema, boolean required, JsonNode validBody, List<Step> path, List<Mutation> out) {
        String type = type(schema);
        String format = schema.path("format").asText("");
        if (required) {
            out.add(set(validBody, path, "null", JSON.nullNode()));
            out.add(remove(validBody, path));
        }
        if (schema.has("enum")) {
            out.add(set(validBody, path, "a number", JSON.numberNode(12345)));
            out.add(set(validBody, path, "a value not in the enumeration", JSON.textNode("NOT_A_VALUE")));
            return;
        }
        switch (type) {
            case "string" -> string(name, schema, format, validBody, path, out);
            case "integer" -> {
                out.add(set(validBody, path, "a string", JSON.textNode("12")));
                out.add(set(validBody, path, "a fraction", JSON.numberNode(new java.math.BigDecimal("1.5"))));
                if (schema.has("minimum")) {
                    out.add(set(
                            validBody,
                            path,
                            "below the minimum",
                            JSON.numberNode(schema.get("minimum").decimalValue().longValue() - 1)));
                }
                if (schema.has("maximum")) {
                    out.add(set(
                            validBody,
                            path,
                            "above the maximum",
                            JSON.numberNode(schema.get("maximum").decimalValue().longValue() + 1)));
                }
            }
            case "number" -> {
                out.add(set(validBody, path, "a string", JSON.textNode("12")));
                out.add(set(validBody, path, "a boolean", JSON.booleanNode(true)));
            }
            case "boolean" -> {
                out.add(set(validBody, path, "the number 1", JSON.numberNode(1)));
                out.add(set(validBody, path, "the string yes", JSON.textNode("yes")));
            }
            case "array" -> {
                out.add(set(validBody, path, "a string", JSON.textNode("x")));
                JsonNode items = resolve(schema.path("items"));
                JsonNode present = valueAt(validBody, path);
                int last = present != null && present.isArray() && !present.isEmpty() ? present.size() - 1 : 0;
                List<Step> element = new ArrayList<>(path);
                element.add(Step.element(last));
                String itemType = type(items);
                if (itemType.equals("object")) {
                    walk(items, validBody, element, out);
                } else {
                    field(name, items, false, validBody, element, out);
                }
            }
            case "object" -> {
                out.add(set(validBody, path, "a string", JSON.textNode("x")));
                walk(schema, validBody, path, out);
            }
            default -> {
                // a free-form value (no type): anything is accepted by design
            }
        }
    }

    private void string(
            String name, JsonNode schema, String format, JsonNode validBody, List<Step> path, List<Mutation> out) {
        out.add(set(validBody, path, "a number", JSON.numberNode(12345)));
        out.add(set(validBody, path, "a boolean", JSON.booleanNode(true)));
        switch (format) {
            case "uuid" -> {
                out.add(set(validBody, path, "not a UUID", JSON.textNode("not-a-uuid")));
                out.add(set(validBody, path, "the nil UUID", JSON.textNode(NIL_UUID)));
                if (!anyUuid.contains(pathText(path)) && !anyUuid.contains(withoutIndices(path))) {
                    out.add(set(
                            validBody,
                            path,
                            "an unknown reference",
                            JSON.textNode(UUID.randomUUID().toString())));
                }
            }
            case "date" -> {
                out.add(set(validBody, path, "year 1", JSON.textNode("0001-01-01")));
                out.add(set(validBody, path, "year 9999", JSON.textNode("9999-12-31")));
                out.add(set(validBody, path, "year +10000", JSON.textNode("+10000-01-01")));
            }
            case "date-time" -> {
                out.add(set(validBody, path, "year 1", JSON.textNode("0001-01-01T00:00:00Z")));
                out.add(set(validBody, path, "year 9999", JSON.textNode("9999-12-31T00:00:00Z")));
                out.add(set(validBody, path, "year +10000", JSON.textNode("+10000-01-01T00:00:00Z")));
            }
            case "local-time" -> out.add(set(validBody, path, "not a time", JSON.textNode("25:61")));
            default -> {
                out.add(set(validBody, path, "a NUL character", JSON.textNode("a\u0000b")));
                if (schema.has("maxLength")) {
                    int max = schema.get("maxLength").asInt();
                    out.add(set(validBody, path, "longer than maxLength " + max, JSON.textNode("x".repeat(max + 1))));
                } else {
                    undeclared.add(pathText(path));
                }
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith("currency")
                        || name.toLowerCase(java.util.Locale.ROOT).endsWith("currencies")) {
                    out.add(set(validBody, path, "a made-up currency", JSON.textNode("ZZZ")));
                    out.add(set(validBody, path, "the no-currency code", JSON.textNode("XXX")));
                }
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = components.path(ref.substring(ref.lastIndexOf('/') + 1));
            ObjectNode merged = resolve(target).deepCopy();
            schema.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            resolved = merged;
        }
        if (resolved.has("allOf")) {
            ObjectNode merged = ((ObjectNode) resolved).deepCopy();
            merged.remove("allOf");
            for (JsonNode part : resolved.get("allOf")) {
                JsonNode partSchema = resolve(part);
                partSchema.fields().forEachRemaining(e -> {
                    if (!merged.has(e.getKey())) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
            }
            resolved = merged;
        }
        return resolved;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "";
    }

    private static Mutation set(JsonNode validBody, List<Step> path, String what, JsonNode value) {
        JsonNode body = validBody.deepCopy();
        JsonNode parent = containerFor(body, path);
        Step last = path.get(path.size() - 1);
        if (last.name() != null) {
            ((ObjectNode) parent).set(last.name(), value);
        } else {
            ArrayNode array = (ArrayNode) parent;
            while (array.size() <= last.index()) {
                array.add(JSON.nullNode());
            }
            array.set(last.index(), value);
        }
        return new Mutation(pathText(path), what, body);
    }

    private static Mutation remove(JsonNode validBody, List<Step> path) {
        JsonNode body = validBody.deepCopy();
        JsonNode parent = containerFor(body, path);
        Step last = path.get(path.size() - 1);
        if (last.name() != null) {
            ((ObjectNode) parent).remove(last.name());
        }
        return new Mutation(pathText(path), "absent", body);
    }

    /** The object or array holding the path's last step, created on the way when the valid body lacks it. */
    private static JsonNode containerFor(JsonNode body, List<Step> path) {
        JsonNode node = body;
        for (int i = 0; i < path.size() - 1; i++) {
            Step step = path.get(i);
            boolean nextIsElement = path.get(i + 1).name() == null;
            JsonNode child = step.name() != null ? node.get(step.name()) : node.get(step.index());
            if (child == null || child.isNull() || !(nextIsElement ? child.isArray() : child.isObject())) {
                child = nextIsElement ? JSON.arrayNode() : JSON.objectNode();
                if (step.name() != null) {
                    ((ObjectNode) node).set(step.name(), child);
                } else {
                    ArrayNode array = (ArrayNode) node;
                    while (array.size() <= step.index()) {
                        array.add(JSON.nullNode());
                    }
                    array.set(step.index(), child);
                }
            }
            node = child;
        }
        return node;
    }

    private static JsonNode valueAt(JsonNode body, List<Step> path) {
        JsonNode node = body;
        for (Step step : path) {
            node = step.name() != null ? node.get(step.name()) : node.get(step.index());
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    static String pathText(List<Step> path) {
        StringBuilder text = new StringBuilder();
        for (Step step : path) {
            if (step.name() != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(step.name());
            } else {
                text.append('[').append(step.index()).append(']');
            }
        }
        return text.toString();
    }

    private static String withoutIndices(List<Step> path) {
        return pathText(path).replaceAll("\\[\\d+]", "[]");
    }
}
