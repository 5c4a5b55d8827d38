package com.salespulse.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a subscriber would run it: a real HTTP server on loopback that verifies every request's
 * Standard Webhooks signature (written here from the spec, independently of the application's signer, the way
 * docs/notifications.md tells receivers to) with the subscriber's secret, answers 401 to a bad one, and
 * can be made to fail (answer 503), to be down altogether (the port closed) or to hang (hold every request without an
 * answer until released) on demand.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String webhookId, String signature, JsonNode body, int answered) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private volatile String secret;
    private volatile int answer = 204;
    private volatile CountDownLatch hanging;
    private final AtomicInteger held = new AtomicInteger();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer server;
    private int port;

    WebhookReceiver() throws IOException {
        start(0);
    }

    private void start(int wantedPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", wantedPort), 0);
        server.createContext("/hooks", this::handle);
        server.setExecutor(handlers);
        server.start();
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks/sales-pulse";
    }

    void trust(String secret) {
        this.secret = secret;
    }

    /** Answer every request with this status from now on (503: failing; 204: healthy). */
    void answer(int status) {
        this.answer = status;
    }

    /** From now on every request is held, unanswered, until {@link #release()}: the sender sees its timeout. */
    void hang() {
        hanging = new CountDownLatch(1);
    }

    /** The held requests are let go (their senders are long gone) and later ones are answered again. */
    void release() {
        CountDownLatch latch = hanging;
        hanging = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** How many requests arrived while the receiver hung. */
    int held() {
        return held.get();
    }

    /** The port closes: connections are refused. */
    void goDown() {
        server.stop(0);
    }

    /** Back on the same port. */
    void comeBack() throws IOException {
        start(port);
    }

    List<Received> requests() {
        return List.copyOf(requests);
    }

    /** Requests that were verified and accepted. */
    List<Received> accepted() {
        return requests.stream()
                .filter(r -> r.answered() >= 200 && r.answered() < 300)
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        CountDownLatch latch = hanging;
        if (latch != null) {
            held.incrementAndGet();
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        Map<String, List<String>> headers = exchange.getRequestHeaders();
        int status = verified(
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body)
                ? answer
                : 401;
        requests.add(new Received(
                exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                JSON.readTree(body),
                status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The receiver's side of the scheme: a fresh timestamp and one matching v1 signature among those sent. */
    private boolean verified(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
