package com.salespulse.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A Telegram-style bot API over real HTTP, on the port the application's %test config names: records every
 * {@code sendMessage} with the token from its path and answers {@code {"ok": true}}.
 */
final class BotStub implements AutoCloseable {

    record Sent(String path, String chatId, String text) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    BotStub() throws IOException {
        int port = java.net
                .URI
                .create(ConfigProvider.getConfig().getValue("quarkus.rest-client.bot-api.url", String.class))
                .getPort();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    List<Sent> sentTo(String chatId) {
        return sent.stream().filter(message -> chatId.equals(message.chatId())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        }
        sent.add(new Sent(
                exchange.getRequestURI().getPath(),
                body.path("chat_id").asText(),
                body.path("text").asText()));
        byte[] answer = "{\"ok\":true}".getBytes();
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
