package com.salespulse.deploycheck;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads from its configuration, taken from the sources as the service itself is built: its
 * {@code application.properties}, the {@code META-INF/microprofile-config.properties} of the shared modules it depends
 * on, and the {@code @ConfigMapping} / {@code @ConfigProperty} names in its and those modules' main sources.
 *
 * @param keys every configuration key the service knows (profile prefixes removed)
 * @param envReferences every {@code ${VAR}} / {@code ${VAR:default}} its default and prod profiles read, with the
 *     default ({@code null} for none)
 * @param consumedTopics the topics its {@code @Incoming} channels read
 * @param deadLetterTopics the dead-letter topics its configuration names
 */
record ServiceConfig(
        String name,
        int httpPort,
        int managementPort,
        String healthPath,
        Set<String> keys,
        Map<String, String> envReferences,
        Set<String> consumedTopics,
        Set<String> deadLetterTopics) {

    /** The five services, as deploy/ runs them. */
    static final List<String> SERVICES =
            List.of("lead-service", "deal-service", "analytics-service", "notification-service", "integration-service");

    private static final List<String> SHARED_MODULES = List.of("rest-problem", "api-security", "reliable-messaging");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING =
            Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)\\s*public\\s+interface\\s+(\\w+)");
    private static final Pattern INCOMING = Pattern.compile("@Incoming\\(([^)]+)\\)");

    /**
     * A default that only makes sense on a developer's machine: it names this machine, the dev key or issuer of
     * {@code ./run-local.sh}, or the local superuser. A variable with such a default, or none, or an empty one, must be
     * set by every deployment ({@link #requiredInProduction()}).
     */
    private static final Pattern LOCAL_ONLY_DEFAULT =
            Pattern.compile("localhost|127\\.0\\.0\\.1|\\.local\\b|salespulse-dev|^postgres$");

    /**
     * The MicroProfile Config rule for finding a property in the environment: every character that is not a letter or
     * a digit becomes {@code _}, and the name is upper-cased ({@code quarkus.http.port} is {@code QUARKUS_HTTP_PORT}).
     */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The names the service reads from the environment: a {@code ${VAR}} reference or a key in its env form. */
    boolean reads(String environmentVariable) {
        return envReferences.containsKey(environmentVariable)
                || keys.stream().anyMatch(key -> environmentName(key).equals(environmentVariable));
    }

    /** The variables a deployment must set: those without a default, with an empty one or with a local-only one. */
    Map<String, String> requiredInProduction() {
        Map<String, String> required = new LinkedHashMap<>();
        envReferences.forEach((name, fallback) -> {
            if (fallback == null
                    || fallback.isEmpty()
                    || LOCAL_ONLY_DEFAULT.matcher(fallback).find()) {
                required.put(name, fallback);
            }
        });
        return required;
    }

    static List<ServiceConfig> readAll(Path repo) {
        return SERVICES.stream().map(service -> read(repo, service)).toList();
    }

    static ServiceConfig read(Path repo, String service) {
        Path module = repo.resolve(service);
        List<Path> modules = new ArrayList<>();
        modules.add(module);
        List<Property> properties = new ArrayList<>();
        for (String shared : sharedModulesOf(module)) {
            modules.add(repo.resolve(shared));
            properties.addAll(
                    load(repo.resolve(shared).resolve("src/main/resources/META-INF/microprofile-config.properties")));
        }
        // the service's own file last: its keys override the shared defaults
        properties.addAll(load(module.resolve("src/main/resources/application.properties")));

        Map<String, String> effective = new LinkedHashMap<>();
        Set<String> keys = new TreeSet<>();
        Map<String, String> envReferences = new LinkedHashMap<>();
        for (Property property : properties) {
            keys.add(property.key());
            if (property.profile() == null || property.profile().equals("prod")) {
                effective.put(property.key(), property.value());
                Matcher reference = ENV_REFERENCE.matcher(property.value());
                while (reference.find()) {
                    envReferences.put(reference.group(1), reference.group(2));
                }
            }
        }
        Set<String> sourceKeys = new TreeSet<>();
        Set<String> consumed = new TreeSet<>();
        for (Path source : javaSources(modules)) {
            String text = read(source);
            Matcher property = CONFIG_PROPERTY.matcher(text);
            while (property.find()) {
                sourceKeys.add(property.group(1));
            }
            Matcher mapping = CONFIG_MAPPING.matcher(text);
            while (mapping.find()) {
                sourceKeys.addAll(ConfigMappingKeys.of(text, mapping.group(2), mapping.group(1)));
            }
            if (source.startsWith(module)) {
                Matcher incoming = INCOMING.matcher(text);
                while (incoming.find()) {
                    String channel = channelName(incoming.group(1).trim(), text);
                    String topics = effective.getOrDefault(
                            "mp.messaging.incoming.\"" + channel + "\".topics",
                            effective.getOrDefault("mp.messaging.incoming.\"" + channel + "\".topic", channel));
                    for (String topic : topics.split(",")) {
                        consumed.add(topic.trim());
                    }
                }
            }
        }
        keys.addAll(sourceKeys);
        Set<String> deadLetters = new TreeSet<>();
        effective.forEach((key, value) -> {
            if (key.endsWith("dead-letter-queue.topic")) {
                deadLetters.add(value.trim());
            }
        });
        String managementRoot = effective.getOrDefault("quarkus.management.root-path", "/q");
        String healthRoot = effective.getOrDefault("quarkus.smallrye-health.root-path", "health");
        return new ServiceConfig(
                service,
                Integer.parseInt(effective.get("quarkus.http.port")),
                Integer.parseInt(effective.get("quarkus.management.port")),
                healthRoot.startsWith("/") ? healthRoot : managementRoot.replaceAll("/$", "") + "/" + healthRoot,
                keys,
                envReferences,
                consumed,
                deadLetters);
    }

    /** A channel named by a literal, by {@code Topics.X}, or by a constant of the consumer's own class. */
    private static String channelName(String argument, String source) {
        if (argument.startsWith("\"")) {
            return argument.substring(1, argument.length() - 1);
        }
        if (argument.startsWith("Topics.")) {
            try {
                return (String) com.salespulse.contract.Topics.class
                        .getField(argument.substring("Topics.".length()))
                        .get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no topic constant " + argument, e);
            }
        }
        Matcher constant = Pattern.compile("String\\s+" + Pattern.quote(argument) + "\\s*=\\s*([^;]+);")
                .matcher(source);
        if (!constant.find()) {
            throw new IllegalStateException("cannot resolve the channel " + argument);
        }
        return channelName(constant.group(1).trim(), source);
    }

    record Property(String profile, String key, String value) {}

    static List<Property> load(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        // java.util.Properties reads the file as MicroProfile Config does (continuations, escapes); keep file order
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.put((String) key, (String) value);
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Property> result = new ArrayList<>();
        ordered.forEach((key, value) -> {
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                result.add(new Property(key.substring(1, dot), key.substring(dot + 1), value));
            } else {
                result.add(new Property(null, key, value));
            }
        });
        return result;
    }

    private static List<String> sharedModulesOf(Path module) {
        String pom = read(module.resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL)
                .matcher(pom);
        while (dependency.find()) {
            String block = dependency.group(1);
            for (String shared : SHARED_MODULES) {
                if (block.contains("<artifactId>" + shared + "</artifactId>")
                        && !block.contains("<scope>test</scope>")) {
                    modules.add(shared);
                }
            }
        }
        return modules;
    }

    private static List<Path> javaSources(List<Path> modules) {
        Set<Path> sources = new LinkedHashSet<>();
        for (Path module : modules) {
            Path main = module.resolve("src/main/java");
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(sources);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
