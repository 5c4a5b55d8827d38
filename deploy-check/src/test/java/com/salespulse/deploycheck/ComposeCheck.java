package com.salespulse.deploycheck;

import static com.salespulse.deploycheck.Yaml.list;
import static com.salespulse.deploycheck.Yaml.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules deploy/compose/compose.yaml must keep: the five services, each setting only variables it reads and every
 * one production needs, publishing its API port and its management port on loopback only; Kafka from Apache's image in
 * KRaft mode; and a topic-creating step whose list holds every topic the suite uses, the domain topics kept for ever.
 */
final class ComposeCheck {

    private final Map<String, Object> compose;
    private final List<ServiceConfig> services;
    private final List<String> problems = new ArrayList<>();

    ComposeCheck(Map<String, Object> compose, List<ServiceConfig> services) {
        this.compose = compose;
        this.services = services;
    }

    List<String> problems() {
        Map<String, Object> declared = map(compose.get("services"));
        for (ServiceConfig service : services) {
            Object definition = declared.get(service.name());
            if (definition == null) {
                problems.add("compose: no service " + service.name());
                continue;
            }
            checkService(service, map(definition));
        }
        checkKafka(declared);
        return problems;
    }

    private void checkService(ServiceConfig service, Map<String, Object> definition) {
        String name = service.name();
        Map<String, String> env = environment(definition);
        env.forEach((variable, value) -> {
            if (!service.reads(variable)) {
                problems.add("compose: " + name + " sets " + variable
                        + ", which neither a configuration key nor a ${...} of " + name + " reads");
            }
        });
        service.requiredInProduction().keySet().stream()
                .filter(variable -> !env.containsKey(variable))
                .forEach(variable -> problems.add("compose: " + name + " does not set " + variable));
        if (!"0.0.0.0".equals(env.get("MANAGEMENT_HOST"))) {
            problems.add("compose: " + name + " keeps its management port on the container's loopback");
        }
        String image = interpolate(String.valueOf(definition.get("image")));
        if (!image.matches("(.+/)?salespulse/" + name + ":[^:/]+")) {
            problems.add("compose: " + name + " runs " + image + ", not a tag of salespulse/" + name);
        }
        List<String> ports = list(definition.getOrDefault("ports", List.of())).stream()
                .map(String::valueOf)
                .toList();
        if (!ports.contains(service.httpPort() + ":" + service.httpPort())) {
            problems.add("compose: " + name + " does not publish its API port " + service.httpPort());
        }
        for (String port : ports) {
            if (port.endsWith(":" + service.managementPort()) && !port.startsWith("127.0.0.1:")) {
                problems.add("compose: " + name + " publishes its management port beyond loopback: " + port);
            }
        }
        if (!service.consumedTopics().isEmpty() || env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            Object dependsOn = definition.get("depends_on");
            boolean waitsForTopics = dependsOn instanceof Map<?, ?> conditions
                    && conditions.get("kafka-topics") instanceof Map<?, ?> condition
                    && "service_completed_successfully".equals(condition.get("condition"));
            if (!waitsForTopics) {
                problems.add("compose: " + name + " does not wait for the topics to be created");
            }
        }
    }

    private void checkKafka(Map<String, Object> declared) {
        Map<String, Object> kafka = declared.get("kafka") == null ? null : map(declared.get("kafka"));
        if (kafka == null || !String.valueOf(kafka.get("image")).startsWith("apache/kafka:")) {
            problems.add("compose: no kafka service on Apache Kafka's image");
        } else {
            Map<String, String> env = environment(kafka);
            if (!String.valueOf(env.get("KAFKA_PROCESS_ROLES")).contains("controller")
                    || env.keySet().stream().anyMatch(k -> k.contains("ZOOKEEPER"))) {
                problems.add("compose: kafka does not run in KRaft mode (KAFKA_PROCESS_ROLES with controller)");
            }
        }
        Map<String, Topic> topics = topics();
        for (String topic : Topic.usedBy(services)) {
            Topic created = topics.get(topic);
            if (created == null) {
                problems.add("compose: kafka-topics does not create " + topic);
            } else if (Topic.DOMAIN.contains(topic) && created.retentionMs() != -1) {
                problems.add(
                        "compose: " + topic + " is not kept for ever (retention.ms " + created.retentionMs() + ")");
            }
        }
    }

    /** The topics the kafka-topics step creates: its {@code TOPICS} variable, {@code topic:partitions:retention.ms}. */
    Map<String, Topic> topics() {
        Map<String, Topic> topics = new TreeMap<>();
        Object step = map(compose.get("services")).get("kafka-topics");
        if (step == null) {
            return topics;
        }
        String list = environment(map(step)).getOrDefault("TOPICS", "");
        for (String spec : list.trim().split("\\s+")) {
            String[] parts = spec.split(":");
            if (parts.length == 3) {
                topics.put(parts[0], new Topic(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
            }
        }
        return topics;
    }

    private static final java.util.regex.Pattern VARIABLE =
            java.util.regex.Pattern.compile("\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}");

    /**
     * A value as compose sees it with nothing set in the environment: {@code ${VAR:-default}} is its default,
     * {@code ${VAR:?message}} (which stops compose when unset) stands for a value the user gives, {@code <VAR>}.
     */
    static String interpolate(String value) {
        java.util.regex.Matcher variable = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String operator = variable.group(2);
            String replacement =
                    operator == null ? "" : operator.endsWith("-") ? variable.group(3) : "<" + variable.group(1) + ">";
            variable.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(out);
        return out.toString();
    }

    /** A service's environment, given as a map or as a list of {@code NAME=value}, interpolated. */
    static Map<String, String> environment(Map<String, Object> definition) {
        Map<String, String> env = new LinkedHashMap<>();
        Object declared = definition.get("environment");
        if (declared instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : interpolate(String.valueOf(v))));
        } else if (declared instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] parts = String.valueOf(entry).split("=", 2);
                env.put(parts[0], parts.length > 1 ? interpolate(parts[1]) : "");
            }
        }
        return env;
    }
}
