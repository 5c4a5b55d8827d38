package com.salespulse.systemtest.faults;

import com.salespulse.localstack.LocalStack;
import java.nio.file.Path;
import java.util.Map;

/**
 * The suite the fault cases share: PostgreSQL and Kafka on fixed ports with their data in temporary folders, so a case
 * can stop either and bring it back with its data, and the five packaged services as their own processes, which
 * reach PostgreSQL and Kafka through a {@link TcpProxy} each (T8 adds latency, cuts or freezes their connections;
 * the other cases leave them forwarding). Each case works in its own tenant and counts only that tenant's rows.
 */
final class FaultStack {

    private static LocalStack stack;
    private static final Map<String, TcpProxy> PROXIES = new java.util.concurrent.ConcurrentHashMap<>();

    private FaultStack() {}

    static synchronized LocalStack get() {
        if (stack == null) {
            long started = System.nanoTime();
            stack = LocalStack.startRestartable(
                    Path.of(System.getProperty("salespulse.project-root")),
                    Path.of(System.getProperty("salespulse.log-dir")),
                    // T9's receivers listen on loopback, which a webhook may not target in production
                    Map.of("salespulse.notification.webhook.allow-private-targets", "true"),
                    (what, port) -> PROXIES.computeIfAbsent(what, name -> new TcpProxy(name, port))
                            .port());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-the-fault-suite"));
            System.out.printf(
                    "[faults] PostgreSQL, Kafka and the services ready in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
        }
        return stack;
    }

    /** The proxy between the services and {@code postgres} or {@code kafka}. */
    static TcpProxy proxy(String what) {
        get();
        return PROXIES.get(what);
    }
}
