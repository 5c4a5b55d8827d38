package com.salespulse.localstack;

import java.util.List;

/**
 * One of the five services as the launcher runs it: its module name, its database and its ports.
 *
 * @param name the Maven module name, e.g. {@code lead-service}
 * @param database the PostgreSQL database the service owns
 * @param httpPort the API port
 * @param managementPort the port of health, metrics (the Quarkus management interface)
 */
public record ServiceSpec(String name, String database, int httpPort, int managementPort) {

    /** The ports the README documents for a local run. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec("lead-service", "lead", 8081, 9081),
                new ServiceSpec("deal-service", "deal", 8082, 9082),
                new ServiceSpec("analytics-service", "analytics", 8083, 9083),
                new ServiceSpec("notification-service", "notification", 8084, 9084),
                new ServiceSpec("integration-service", "integration", 8085, 9085));
    }

    public String url() {
        return "http://localhost:" + httpPort;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public ServiceSpec withPorts(int httpPort, int managementPort) {
        return new ServiceSpec(name, database, httpPort, managementPort);
    }
}
