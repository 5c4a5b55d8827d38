package com.salespulse.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of a {@code @ConfigMapping} interface, read from its source: each method is a key in kebab case under the
 * prefix ({@code maxRows()} is {@code prefix.max-rows}, or its {@code @WithName}); a method returning one of the file's
 * nested interfaces is a group whose methods continue the key. That is the shape every mapping of the suite has; a
 * mapping that returns a type from another file would need this reader taught, and its keys would then be missing (so
 * deploy-check fails loudly rather than passing wrongly).
 */
final class ConfigMappingKeys {

    private static final Pattern INTERFACE = Pattern.compile("interface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD =
            Pattern.compile("((?:@\\w+(?:\\([^)]*\\))?\\s*)*)([\\w.]+(?:<[^;(]*>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"");

    static List<String> of(String source, String rootInterface, String prefix) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Map<String, String> bodies = new TreeMap<>();
        Matcher declaration = INTERFACE.matcher(code);
        while (declaration.find()) {
            bodies.put(declaration.group(1), withoutNestedBlocks(block(code, declaration.end() - 1)));
        }
        List<String> keys = new ArrayList<>();
        collect(bodies, rootInterface, prefix, keys);
        return keys;
    }

    private static void collect(Map<String, String> bodies, String type, String prefix, List<String> keys) {
        Matcher method = METHOD.matcher(bodies.get(type));
        while (method.find()) {
            Matcher withName = WITH_NAME.matcher(method.group(1));
            String key = prefix + "." + (withName.find() ? withName.group(1) : kebab(method.group(3)));
            String returned = method.group(2).replaceAll(".*<\\s*|\\s*>.*", "");
            if (bodies.containsKey(returned)) {
                collect(bodies, returned, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The text between the brace at {@code open} and its match. */
    private static String block(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(open + 1, i);
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    /** The body with every nested {@code {...}} removed, so only its own members remain. */
    private static String withoutNestedBlocks(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    out.append(';');
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private ConfigMappingKeys() {}
}
