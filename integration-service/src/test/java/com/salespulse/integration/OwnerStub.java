package com.salespulse.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An owning service as the importer sees it: a real HTTP server on loopback answering the PUT by reference like the
 * owners do (201 the first time a reference is stored, 200 after; a dry run writes nothing), recording every call.
 * A test may script any answer for chosen calls ({@link #answer}).
 */
public final class OwnerStub {

    /** One call as received. */
    public record Call(String method, String path, String query, JsonNode token, JsonNode body) {

        public boolean dryRun() {
            return query != null && query.contains("dryRun=true");
        }

        /** The external id: /api/v1/{collection}/by-ref/{system}/{id}, then an action (convert, dismissal) or not. */
        public String externalId() {
            String[] parts = path.split("/");
            return URLDecoder.decode(parts[Math.min(6, parts.length - 1)], StandardCharsets.UTF_8);
        }
    }

    /** An answer: status and body (a problem for 4xx/5xx). */
    public record Answer(int status, String body) {

        /** A 409 stale-change as rest-problem's {@code ProblemException.staleChange} writes it. */
        public static Answer staleChange(String card, String occurredAt, String lastChange) {
            String message = "is " + occurredAt + ", before the last recorded change of " + card + " at " + lastChange
                    + ": changes of a card are sent in time order";
            return new Answer(
                    409,
                    "{\"type\":\"urn:salespulse:problem:stale-change\",\"title\":\"Stale change\","
                            + "\"status\":409,\"detail\":\"occurredAt: " + message + "\",\"invalidFields\":[{\"field\":"
                            + "\"occurredAt\",\"message\":\"" + message + "\"}]}");
        }

        /** A 409 of another kind (a reference reused with other content, no base currency). */
        public static Answer conflict(String detail) {
            return new Answer(
                    409,
                    "{\"type\":\"urn:salespulse:problem:conflict\",\"title\":\"Conflict\","
                            + "\"status\":409,\"detail\":\"" + detail + "\"}");
        }

        public static Answer problem(int status, String field, String message) {
            return new Answer(
                    status,
                    "{\"type\":\"urn:salespulse:problem:invalid-request\",\"title\":\"Invalid "
                            + "request\",\"status\":" + status + ",\"detail\":\"" + field + ": " + message
                            + "\",\"invalidFields\":[{\"field\":\"" + field + "\",\"message\":\"" + message + "\"}]}");
        }
    }

    public static final OwnerStub LEAD = new OwnerStub();
    public static final OwnerStub DEAL = new OwnerStub();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> stored = new HashSet<>();
    private volatile Function<Call, Answer> script = call -> null;
    private volatile long delayMillis;
    private HttpServer server;

    private OwnerStub() {}

    synchronized String start() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1", this::handle);
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Forgets calls, stored references and scripts. */
    public void reset() {
        calls.clear();
        synchronized (stored) {
            stored.clear();
        }
        script = call -> null;
        delayMillis = 0;
    }

    /** Answers {@code script}'s answer to a call, or as an owner would when it gives null. */
    public void answer(Function<Call, Answer> script) {
        this.script = script;
    }

    /** Takes this long over every answer, like an owner under load. */
    public void slowDown(long millis) {
        this.delayMillis = millis;
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            Call call = new Call(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    claims(exchange.getRequestHeaders().getFirst("Authorization")),
                    bytes.length == 0 ? null : JSON.readTree(bytes));
            calls.add(call);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Answer answer = script.apply(call);
            if (answer == null) {
                answer = asAnOwner(call);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
            if (answer.status() == 201) {
                exchange.getResponseHeaders().add("Location", location(call));
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer asAnOwner(Call call) {
        if (call.dryRun()) {
            synchronized (stored) {
                return new Answer(stored.contains(call.path()) ? 200 : 201, "{}");
            }
        }
        synchronized (stored) {
            // the card as the owner would answer it: here, the body it was sent
            return new Answer(
                    stored.add(call.path()) ? 201 : 200,
                    call.body() == null ? "{}" : call.body().toString());
        }
    }

    /** Where an owner would say it created the entity: its collection and an id made from the reference. */
    public static String location(Call call) {
        String[] parts = call.path().split("/");
        return "/api/v1/" + parts[3] + "/"
                + java.util.UUID.nameUUIDFromBytes(call.path().getBytes(StandardCharsets.UTF_8));
    }

    /** The token's claims, read without checking: the test checks them against what it expects. */
    private static JsonNode claims(String authorization) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
