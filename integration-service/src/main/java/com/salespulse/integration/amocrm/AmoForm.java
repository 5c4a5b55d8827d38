package com.salespulse.integration.amocrm;

import com.salespulse.problem.ProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * amoCRM's webhook body: {@code application/x-www-form-urlencoded} with PHP-style keys, one group per changed entity:
 * {@code leads[status][0][id]=123&leads[status][0][status_id]=142&...&account[subdomain]=acme}. Read into one
 * {@link Change} per {@code entity[action][index]}, its fields keyed by what follows the index with the first
 * brackets dropped: {@code status_id}, {@code custom_fields[0][code]}, {@code note[note_type]}.
 */
final class AmoForm {

    private static final Pattern ENTRY_KEY = Pattern.compile("([A-Za-z_]+)\\[([A-Za-z_]+)]\\[(\\d{1,6})](.*)");
    private static final Pattern FIELD = Pattern.compile("\\[([^\\[\\]]*)](.*)");
    private static final Pattern ACCOUNT_KEY = Pattern.compile("account\\[([^\\[\\]]+)](.*)");

    /** One changed entity of a delivery. */
    record Change(String entity, String action, Map<String, String> fields) {

        String field(String name) {
            String value = fields.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        /** The entity's amoCRM id: {@code id}, or a note's {@code note[id]}. */
        String amoId() {
            String id = field("id");
            return id != null ? id : field("note[id]") != null ? field("note[id]") : "";
        }

        /** What the change is about, in amoCRM's terms: the card that must take its changes in time order. */
        String card() {
            return switch (entity) {
                case "leads" -> "note".equals(action) ? "note:" + amoId() : "lead:" + amoId();
                case "contacts", "companies" -> "note".equals(action) ? "note:" + amoId() : "contact:" + amoId();
                case "task", "tasks" -> "task:" + amoId();
                default -> entity + ":" + amoId();
            };
        }

        /**
         * When it happened in amoCRM: an addition at its creation time, anything else at its last change, as amoCRM's
         * unix seconds ({@code created_at}/{@code date_create}, {@code updated_at}/{@code last_modified}); a note at
         * its {@code note[created_at]}. Without any of them, {@code fallback} (the delivery's arrival).
         */
        Instant occurredAt(Instant fallback) {
            List<String> keys = "note".equals(action)
                    ? List.of("note[created_at]", "note[updated_at]")
                    : "add".equals(action)
                            ? List.of("created_at", "date_create", "updated_at", "last_modified")
                            : List.of("updated_at", "last_modified", "created_at", "date_create");
            for (String key : keys) {
                Instant at = unix(field(key));
                if (at != null) {
                    return at;
                }
            }
            return fallback;
        }
    }

    record Parsed(List<Change> changes, Map<String, String> account) {}

    private AmoForm() {}

    /** Reads a body; a malformed one (a broken %-escape, too many changes) is a 400 problem naming {@code body}. */
    static Parsed read(String body, int maxChanges) {
        Map<String, Change> changes = new LinkedHashMap<>();
        Map<String, String> account = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return new Parsed(List.of(), account);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(
                        "body", "is not application/x-www-form-urlencoded: " + e.getMessage());
            }
            Matcher entry = ENTRY_KEY.matcher(key);
            Matcher accountKey = ACCOUNT_KEY.matcher(key);
            if (entry.matches()) {
                String group = entry.group(1) + "[" + entry.group(2) + "][" + entry.group(3) + "]";
                Change change = changes.get(group);
                if (change == null) {
                    if (changes.size() == maxChanges) {
                        throw ProblemException.invalidField("body", "holds more than " + maxChanges + " changes");
                    }
                    change = new Change(entry.group(1), entry.group(2), new LinkedHashMap<>());
                    changes.put(group, change);
                }
                Matcher field = FIELD.matcher(entry.group(4));
                String name = field.matches() ? field.group(1) + field.group(2) : entry.group(4);
                change.fields().put(name, value);
            } else if (accountKey.matches()) {
                account.put(accountKey.group(1) + accountKey.group(2), value);
            }
        }
        return new Parsed(new ArrayList<>(changes.values()), account);
    }

    /** amoCRM's unix seconds; null when absent, zero or not a number. */
    static Instant unix(String seconds) {
        if (seconds == null) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            return value <= 0 ? null : Instant.ofEpochSecond(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
