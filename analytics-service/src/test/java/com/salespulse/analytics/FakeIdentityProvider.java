package com.salespulse.analytics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A minimal OIDC provider for the dashboard's browser test, on the JDK's HTTP server: discovery, an authorization
 * endpoint that signs whoever comes in as {@link #signsInAs} at once, and a token endpoint that gives that token only
 * for the code it issued, to the client it was issued to, with the verifier whose SHA-256 was the challenge (RFC 7636,
 * S256). What the dashboard sent is kept for the test to read.
 */
final class FakeIdentityProvider {

    static final String CLIENT_ID = "salespulse-dashboard";

    private static FakeIdentityProvider running;

    private final HttpServer server;
    private final Map<String, String> challenges = new HashMap<>();
    volatile String signsInAs;
    volatile Map<String, String> lastAuthorization = Map.of();
    volatile int tokensIssued;

    private FakeIdentityProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    static synchronized FakeIdentityProvider get() {
        if (running == null) {
            try {
                running = new FakeIdentityProvider();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        answer(
                exchange,
                200,
                "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + issuer()
                        + "/authorize\",\"token_endpoint\":\"" + issuer() + "/token\"}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        lastAuthorization = query;
        String code = UUID.randomUUID().toString();
        synchronized (challenges) {
            challenges.put(code, query.get("code_challenge"));
        }
        exchange.getResponseHeaders()
                .add(
                        "Location",
                        query.get("redirect_uri") + "?code=" + code + "&state="
                                + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "{}");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String challenge;
        synchronized (challenges) {
            challenge = challenges.remove(form.get("code"));
        }
        if (challenge == null
                || !"authorization_code".equals(form.get("grant_type"))
                || !CLIENT_ID.equals(form.get("client_id"))
                || form.get("code_verifier") == null
                || !challenge.equals(s256(form.get("code_verifier")))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        tokensIssued++;
        answer(exchange, 200, "{\"access_token\":\"" + signsInAs + "\",\"token_type\":\"Bearer\"}");
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
