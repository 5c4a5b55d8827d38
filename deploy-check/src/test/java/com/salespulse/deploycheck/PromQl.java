package com.salespulse.deploycheck;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Enough of PromQL for the dashboard and the rules: string literals,
 * label matchers, ranges and {@code by (...)} groupings are removed first, then every remaining name that is not a
 * function call, a keyword or a number is a metric.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {}

    static Set<String> metrics(String expression) {
        String bare = expression
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> metrics = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            String token = name.group();
            boolean call = bare.substring(name.end()).stripLeading().startsWith("(");
            boolean number = name.start() > 0 && Character.isDigit(bare.charAt(name.start() - 1));
            if (!call && !number && !KEYWORDS.contains(token)) {
                metrics.add(token);
            }
        }
        return metrics;
    }
}
