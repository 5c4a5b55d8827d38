package com.salespulse.analytics.alert;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of alerts in the tenant's language: one properties bundle per language ({@code alerts/texts_ru},
 * {@code alerts/texts_en}; UTF-8), keyed by alert type ({@code DEALS_ROTTING.title}, {@code DEALS_ROTTING.message})
 * with named placeholders ({@code {who}}, {@code {rottingDeals}}). A placeholder without a value is a bug in the
 * condition, so it throws rather than send a half-filled text. Numbers are written as they are ({@code 112.5}).
 */
public final class AlertTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private AlertTexts() {}

    /** The bundle of {@code language}: ru or en; any other language reads Russian, the suite's default. */
    static ResourceBundle bundle(String language) {
        return ResourceBundle.getBundle(
                "alerts.texts", "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("ru"), NO_FALLBACK);
    }

    /** The text under {@code key} in {@code language}, its placeholders filled from {@code args}. */
    public static String render(String language, String key, Map<String, ?> args) {
        String pattern;
        try {
            pattern = bundle(language).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no alert text " + key + " in " + language, e);
        }
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            if (!args.containsKey(name) || args.get(name) == null) {
                throw new IllegalStateException("alert text " + key + " needs {" + name + "}");
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(written(args.get(name))));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static String written(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
    }
}
