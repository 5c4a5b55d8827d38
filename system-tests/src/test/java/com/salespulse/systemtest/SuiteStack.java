package com.salespulse.systemtest;

import com.salespulse.localstack.LocalStack;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one running suite every end-to-end test of a run shares: PostgreSQL, Kafka and the five packaged services,
 * started by the first test class that asks and stopped when the test JVM exits. Starting them takes most of an
 * end-to-end test's time, so each class gets its own tenant instead of its own suite, and counts only its tenant's
 * rows. A class that kills and restarts a service gets it back with the properties below.
 */
final class SuiteStack {

    /** The properties every test class's services need, merged: each names the class it is for. */
    private static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

    static {
        // SalesFlowIT: notification-service may call the test's own receiver on loopback for its tenant only;
        // retries come quickly
        PROPERTIES.put("salespulse.notification.webhook.private-targets-allowed-tenants", SalesFlowIT.TENANT);
        PROPERTIES.put("salespulse.notification.delivery.base-delay", "500ms");
        PROPERTIES.put("salespulse.notification.delivery.max-delay", "2s");
        // AmoCrmWebhookIT: amoCRM changes applied quickly, and a change waits for its lead's contact long enough
        PROPERTIES.put("salespulse.amocrm.poll-interval", "200ms");
        PROPERTIES.put("salespulse.amocrm.unknown-reference.wait-between", "300ms");
        PROPERTIES.put("salespulse.amocrm.unknown-reference.attempts", "200");
    }

    private static LocalStack stack;

    private SuiteStack() {}

    /** The running suite, started on the first call. */
    static synchronized LocalStack get() {
        if (stack == null) {
            long started = System.nanoTime();
            stack = LocalStack.startTemporary(
                    Path.of(System.getProperty("salespulse.project-root")),
                    Path.of(System.getProperty("salespulse.log-dir")),
                    PROPERTIES);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-the-suite"));
            System.out.printf(
                    "[system-tests] PostgreSQL, Kafka and the services ready in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
        }
        return stack;
    }
}
