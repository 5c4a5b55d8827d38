package com.salespulse.systemtest.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * A tenant's webhook receiver for T9: a real HTTP server on loopback (the JDK's) that records every request it got
 * and what it answered, and can be down (its port closed), slow (answering after a delay) or failing (answering 500).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request: the delivery id (the same on every retry), the alert it carried, what was answered and when. */
    record Received(String webhookId, String alertId, int answered, Instant at) {}

    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final int port;
    private HttpServer server;
    private volatile Duration delay = Duration.ZERO;
    private volatile int status = 204;

    WebhookReceiver() {
        this.port = listen(0);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks/sales-pulse";
    }

    /** The port closed: a connection is refused. */
    synchronized void down() {
        server.stop(0);
        server = null;
    }

    /** Listening again on the same port, answering 204 at once. */
    synchronized void up() {
        delay = Duration.ZERO;
        status = 204;
        if (server == null) {
            listen(port);
        }
    }

    /** Answers 204, each after {@code delay}. */
    void slow(Duration delay) {
        this.delay = delay;
        this.status = 204;
    }

    /** Answers 500 at once. */
    void failing() {
        this.delay = Duration.ZERO;
        this.status = 500;
    }

    List<Received> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }

    private int listen(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", this::handle);
        server.setExecutor(handlers);
        server.start();
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int answer = status;
        LockSupport.parkNanos(delay.toNanos());
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
        requests.add(new Received(
                exchange.getRequestHeaders().getFirst("webhook-id"),
                JsonPath.from(body).getString("data.alertId"),
                answer,
                Instant.now()));
    }
}
