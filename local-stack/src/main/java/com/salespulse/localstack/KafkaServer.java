package com.salespulse.localstack;

import com.salespulse.contract.Topics;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one), run in this JVM from the Kafka server jar.
 * With a log directory it keeps its topics across restarts. {@link #startContainer(int)} runs Apache Kafka's own
 * image instead, where a container engine is reachable ({@link StackSelection}).
 */
public final class KafkaServer implements AutoCloseable {

    /** A stable cluster id, so a persistent log directory formatted once is accepted on the next start. */
    private static final String LOCAL_CLUSTER_ID = "c2FsZXNwdWxzZS1sb2NhbA";

    private final String bootstrapServers;
    private final AutoCloseable broker;

    private KafkaServer(String bootstrapServers, AutoCloseable broker) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
    }

    /**
     * A throwaway broker on free ports, for tests. The two ports are chosen here by {@link LocalStack#freePort}, which
     * never hands out a port twice in a JVM: left to the broker (port 0), each is found by opening and closing a socket
     * in turn, and the system can hand out the same port twice ("Each listener must have a different port", seen once
     * in a CI run).
     */
    public static KafkaServer startTemporary(int partitions) {
        return start(LocalStack.freePort(), LocalStack.freePort(), null, partitions);
    }

    /** A throwaway broker of the kind {@code kind} names, on free ports, with the suite's topics. */
    public static KafkaServer startTemporary(StackSelection.Kind kind, int partitions) {
        return kind == StackSelection.Kind.CONTAINERS ? startContainer(partitions) : startTemporary(partitions);
    }

    /** A throwaway broker in a container ({@code apache/kafka}, KRaft) on a free port, with the suite's topics. */
    public static KafkaServer startContainer(int partitions) {
        var container = Containers.kafka(partitions);
        KafkaServer server = new KafkaServer(container.getBootstrapServers(), container);
        server.createTopics(partitions);
        return server;
    }

    /**
     * @param port the client port, 0 for any free one
     * @param controllerPort the KRaft controller port, 0 for any free one
     * @param logDirectory where to keep the topics between runs, or null for a temporary folder
     * @param partitions the partition count of automatically created topics
     */
    public static KafkaServer start(int port, int controllerPort, Path logDirectory, int partitions) {
        return start(port, controllerPort, logDirectory, partitions, 0, 0);
    }

    /**
     * As {@link #start(int, int, Path, int)}, with a second listener ({@code DETOUR}) on {@code detourListenerPort}
     * advertised at {@code localhost:detourPort}, where a fault test's proxy forwards to it: a client that
     * bootstrapped through the proxy is told to reach the broker through the proxy too. None when both are 0.
     */
    public static KafkaServer start(
            int port, int controllerPort, Path logDirectory, int partitions, int detourListenerPort, int detourPort) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withAdditionalProperties(properties -> {
                    properties.put("num.partitions", Integer.toString(partitions));
                    properties.put("auto.create.topics.enable", "true");
                    properties.put("group.initial.rebalance.delay.ms", "0");
                    if (logDirectory != null) {
                        properties.put("log.dir", logDirectory.toAbsolutePath().toString());
                    }
                    if (detourPort != 0) {
                        if (properties.getProperty("advertised.listeners") == null) {
                            // unset means "the listeners but the controller's"; spelled out to add one
                            String controller = properties.getProperty("controller.listener.names");
                            properties.put(
                                    "advertised.listeners",
                                    java.util.Arrays.stream(properties
                                                    .getProperty("listeners")
                                                    .split(","))
                                            .filter(listener -> !listener.startsWith(controller + ":"))
                                            .collect(java.util.stream.Collectors.joining(",")));
                        }
                        append(properties, "advertised.listeners", "DETOUR://localhost:" + detourPort);
                        append(properties, "listeners", "DETOUR://localhost:" + detourListenerPort);
                        append(properties, "listener.security.protocol.map", "DETOUR:PLAINTEXT");
                    }
                });
        if (logDirectory != null) {
            broker.withClusterId(LOCAL_CLUSTER_ID).withDeleteLogDirsOnClose(false);
        }
        EmbeddedKafkaBroker started = broker.start();
        String bootstrap = detourPort == 0 ? started.getAdvertisedListeners() : "localhost:" + port;
        KafkaServer server = new KafkaServer(bootstrap, started::close);
        server.createTopics(partitions);
        return server;
    }

    private static void append(java.util.Properties properties, String key, String value) {
        properties.put(key, properties.getProperty(key) + "," + value);
    }

    /**
     * Creates the suite's topics ({@link Topics#all()}) with the given partition count, unless they exist. Topics are
     * provisioned up front, as in production, so that the first event does not wait for auto-creation and a
     * consumer group rebalance.
     */
    public void createTopics(int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.all().stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // On a loaded machine the admin client may time out a first CreateTopics that the controller
                    // still carries out, and its retry then finds the topic there: that is the wanted outcome.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the topics", e);
        }
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not stop cleanly", e);
        }
    }
}
