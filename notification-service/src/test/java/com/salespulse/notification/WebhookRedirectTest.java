package com.salespulse.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.salespulse.notification.channel.AttemptResult;
import com.salespulse.notification.channel.Recipient;
import com.salespulse.notification.channel.RenderedMessage;
import com.salespulse.notification.channel.WebhookSender;
import com.salespulse.notification.channel.WebhookSignature;
import com.salespulse.notification.channel.WebhookTargetPolicy;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.security.ActingScope;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A receiver answers the webhook with a redirect into our own network (loopback on IPv4 and IPv6, the cloud metadata
 * address): the sender does not follow it, the attempt is recorded as failed with the status and the reason, and the
 * internal listeners the redirect names receive nothing. The target policy here lets private addresses through (the
 * receiver is on loopback), so only the refusal to follow redirects stands between the redirect and the listener.
 */
class WebhookRedirectTest {

    private Vertx vertx;
    private HttpServer redirecting;
    private HttpServer internalV4;
    private HttpServer internalV6;
    private final AtomicInteger internalRequests = new AtomicInteger();
    private volatile int redirectStatus;
    private volatile String location;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        internalV4 = listener("127.0.0.1");
        internalV6 = listener("::1");
        redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(redirectStatus, -1);
            exchange.close();
        });
        redirecting.start();
    }

    @AfterEach
    void stop() {
        redirecting.stop(0);
        internalV4.stop(0);
        internalV6.stop(0);
        vertx.close();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "301, http://127.0.0.1:{v4}/internal",
        "302, http://[::1]:{v6}/internal",
        "307, http://169.254.169.254/latest/meta-data/",
        "307, http://127.0.0.1:{v4}/internal",
        "301, http://[::1]:{v6}/internal",
        "302, http://169.254.169.254/latest/meta-data/"
    })
    void aRedirectIntoOurNetworkIsNotFollowedAndTheAttemptFailsSayingWhy(int status, String to) {
        redirectStatus = status;
        location = to.replace("{v4}", Integer.toString(internalV4.getAddress().getPort()))
                .replace("{v6}", Integer.toString(internalV6.getAddress().getPort()));
        String url = "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hooks/sales-pulse";

        AttemptResult result = sender().send(
                        UUID.randomUUID(),
                        new Recipient(url, List.of(WebhookSignature.newSecret()), null, null),
                        new RenderedMessage("s", "t", "h", "{\"type\":\"alert.raised\"}"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.error())
                .isEqualTo("the receiver answered HTTP " + status + ", a redirect; webhooks do not follow redirects");
        assertThat(internalRequests).hasValue(0);
    }

    /** A listener inside: counts whatever reaches it. */
    private HttpServer listener(String address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        server.createContext("/", exchange -> {
            internalRequests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private WebhookSender sender() {
        NotificationConfig config = mock(NotificationConfig.class, RETURNS_DEEP_STUBS);
        // generous: a cold Vert.x on a loaded machine; the bound only matters when the test fails
        when(config.webhook().timeout()).thenReturn(Duration.ofSeconds(20));
        when(config.webhook().connectTimeout()).thenReturn(Duration.ofSeconds(10));
        ActingScope acting = mock(ActingScope.class);
        when(acting.tenant()).thenReturn("demo");
        return new WebhookSender(
                new WebhookTargetPolicy(true, Set.of(), InetAddress::getAllByName),
                acting,
                Clock.systemUTC(),
                config,
                vertx);
    }
}
