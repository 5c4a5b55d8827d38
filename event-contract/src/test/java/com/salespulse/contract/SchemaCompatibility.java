package com.salespulse.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a new version of an event schema can still be read by consumers written against the old one
 * and whether old events still satisfy the new one. Allowed: new optional properties, new descriptions.
 * Breaking: a property removed, its type or format changed, a property newly required or no longer required.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {}

    static List<String> breakingChanges(JsonNode previous, JsonNode next) {
        List<String> breaks = new ArrayList<>();
        compare("", previous, next, breaks);
        // nested records live under $defs and are referenced by $ref: hold them to the same rules
        for (Iterator<Map.Entry<String, JsonNode>> it = previous.path("$defs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> definition = it.next();
            JsonNode now = next.path("$defs").get(definition.getKey());
            if (now == null) {
                breaks.add("$defs/" + definition.getKey() + ": removed");
            } else {
                compare("$defs/" + definition.getKey(), definition.getValue(), now, breaks);
            }
        }
        return breaks;
    }

    private static void compare(String path, JsonNode previous, JsonNode next, List<String> breaks) {
        for (String keyword : List.of("type", "format", "enum", "$ref", "items")) {
            if (keyword.equals("items") && previous.has("items")) {
                if (!next.has("items")) {
                    breaks.add(path + ": items schema removed");
                } else {
                    compare(path + "[]", previous.get("items"), next.get("items"), breaks);
                }
                continue;
            }
            if (keyword.equals("enum") && widened(previous.get(keyword), next.get(keyword))) {
                // a value added to an enumeration (a new alert type): readers are deployed before the writer
                continue;
            }
            if (!Objects.equals(previous.get(keyword), next.get(keyword))) {
                breaks.add(
                        path + ": " + keyword + " changed from " + previous.get(keyword) + " to " + next.get(keyword));
            }
        }
        Set<String> previouslyRequired = names(previous.get("required"));
        Set<String> nowRequired = names(next.get("required"));
        for (String name : nowRequired) {
            if (!previouslyRequired.contains(name)) {
                breaks.add(path + "/" + name + ": newly required");
            }
        }
        for (String name : previouslyRequired) {
            if (!nowRequired.contains(name)) {
                breaks.add(path + "/" + name + ": no longer required");
            }
        }
        JsonNode previousProperties = previous.path("properties");
        JsonNode nextProperties = next.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = previousProperties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode now = nextProperties.get(property.getKey());
            if (now == null) {
                breaks.add(path + "/" + property.getKey() + ": removed");
            } else {
                compare(path + "/" + property.getKey(), property.getValue(), now, breaks);
            }
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        if (array != null) {
            array.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    /** Whether {@code next} keeps every value of {@code previous} in order and only adds values after them. */
    private static boolean widened(JsonNode previous, JsonNode next) {
        if (previous == null
                || next == null
                || !previous.isArray()
                || !next.isArray()
                || next.size() <= previous.size()) {
            return false;
        }
        for (int i = 0; i < previous.size(); i++) {
            if (!previous.get(i).equals(next.get(i))) {
                return false;
            }
        }
        return true;
    }
}
