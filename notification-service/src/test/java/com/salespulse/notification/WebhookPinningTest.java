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
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook connection goes to the address the target policy checked, never to a second DNS answer: the host name
 * here resolves only through the policy's resolver (the .invalid domain never resolves in DNS), and only once per
 * attempt; the receiver still gets the message, so the sender connected to the checked address.
 */
class WebhookPinningTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private Vertx vertx;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        vertx.close();
    }

    @Test
    void theRequestGoesToTheAddressThatWasChecked() {
        String secret = WebhookSignature.newSecret();
        receiver.trust(secret);
        String url = receiver.url().replace("127.0.0.1", "receiver.pinned.invalid");
        WebhookSender sender = sender(new WebhookTargetPolicy(true, Set.of(), this::resolve));

        AttemptResult result = sender.send(
                UUID.randomUUID(),
                new Recipient(url, List.of(secret), null, null),
                new RenderedMessage("s", "t", "h", "{\"type\":\"alert.raised\"}"));

        assertThat(result.succeeded()).as(result.error()).isTrue();
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aTargetThatResolvesInsideIsNotContacted() {
        String url = receiver.url().replace("127.0.0.1", "receiver.pinned.invalid");
        WebhookSender sender = sender(new WebhookTargetPolicy(false, Set.of(), this::resolve));

        AttemptResult result = sender.send(
                UUID.randomUUID(),
                new Recipient(url, List.of(WebhookSignature.newSecret()), null, null),
                new RenderedMessage("s", "t", "h", "{}"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).startsWith("target refused").contains("a loopback address");
        assertThat(receiver.requests()).isEmpty();
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        if (!host.equals("receiver.pinned.invalid")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    }

    private WebhookSender sender(WebhookTargetPolicy policy) {
        NotificationConfig config = mock(NotificationConfig.class, RETURNS_DEEP_STUBS);
        // generous: a cold Vert.x on a loaded machine; the bound only matters when the test fails
        when(config.webhook().timeout()).thenReturn(Duration.ofSeconds(20));
        when(config.webhook().connectTimeout()).thenReturn(Duration.ofSeconds(10));
        ActingScope acting = mock(ActingScope.class);
        when(acting.tenant()).thenReturn("demo");
        return new WebhookSender(policy, acting, Clock.systemUTC(), config, vertx);
    }
}
