package com.salespulse.notification.message;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.subscription.Language;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words the service itself says, in Russian and English, from one properties bundle per language
 * ({@code messages/texts_ru}, {@code messages/texts_en}; UTF-8) with named placeholders: the framing of every
 * message and the headline of an alert, written here from the alert's type, figures and the manager's name. The
 * detailed message comes from analytics-service in the tenant's language and is passed through with the manager's id
 * replaced by their name: a person never reads a raw UUID.
 */
final class MessageTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern ANY_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private MessageTexts() {}

    static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(
                "messages.texts", language == Language.en ? Locale.ENGLISH : Locale.forLanguageTag("ru"), NO_FALLBACK);
    }

    static String text(Language language, String key) {
        return bundle(language).getString(key);
    }

    /** The text under {@code key} with its placeholders filled; null when a value it needs is missing. */
    static String fill(Language language, String key, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(text(language, key));
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                return null;
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /**
     * Who an alert is about, as a person reads it: the manager's name when known; otherwise a neutral word (the
     * team, for an alert about no manager).
     */
    static String who(UUID managerId, String managerName, Language language) {
        if (managerName != null && !managerName.isBlank()) {
            return managerName;
        }
        return text(language, managerId == null ? "who.team" : "who.manager");
    }

    /**
     * The alert's one-line headline in the subscriber's language; when a figure it needs is missing, the type's name
     * and who it is about.
     */
    static String headline(AlertType type, Map<String, BigDecimal> figures, String who, Language language) {
        Map<String, String> values = new java.util.HashMap<>();
        figures.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value.stripTrailingZeros().toPlainString());
            }
        });
        values.put("who", who);
        String headline = fill(language, "headline." + type.name(), values);
        return headline != null ? headline : typeName(type, language) + ": " + who;
    }

    /**
     * A text from analytics-service (in the tenant's language) with the manager's id replaced by their name, or by a
     * neutral word; any other id left in it is cut out too.
     */
    static String withoutIds(String text, UUID managerId, String managerName, Language language) {
        if (text == null) {
            return "";
        }
        String result = text;
        if (managerId != null) {
            String name = managerName == null || managerName.isBlank() ? null : managerName;
            String manager = name == null ? text(language, "who.manager") : name;
            result = result.replace("Manager " + managerId, manager)
                    .replace("Менеджер " + managerId, manager)
                    .replace("manager " + managerId, name == null ? text(language, "who.aManager") : name)
                    .replace(managerId.toString(), name == null ? text(language, "who.aManager") : name);
        }
        return ANY_UUID.matcher(result).replaceAll("(…)");
    }

    static String typeName(AlertType type, Language language) {
        return text(language, "type." + type.name());
    }

    static String severity(String severity, Language language) {
        return text(language, "CRITICAL".equals(severity) ? "severity.CRITICAL" : "severity.WARNING");
    }

    static String raisedSubject(String severity, String typeName, String title, Language language) {
        return fill(language, "subject.raised", Map.of("severity", severity, "typeName", typeName, "title", title));
    }

    static String resolvedSubject(String typeName, String who, Language language) {
        return who == null
                ? fill(language, "subject.resolved", Map.of("typeName", typeName))
                : fill(language, "subject.resolved.who", Map.of("typeName", typeName, "who", who));
    }

    static String digestSubject(String date, int open, Language language) {
        return fill(language, "subject.digest", Map.of("date", date, "open", String.valueOf(open)));
    }
}
