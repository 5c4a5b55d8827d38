package com.salespulse.notification.channel;

import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * POSTs the JSON body to the subscriber's URL with the Standard Webhooks headers. The {@code webhook-id} is the
 * delivery id, the same on every retry; the timestamp is the attempt's. Redirects are not followed (a redirect could
 * lead into our network), and the target is checked again before every attempt, since DNS may have changed.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final WebhookTargetPolicy targets;
    private final ActingScope acting;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookSender(WebhookTargetPolicy targets, ActingScope acting, Clock clock, NotificationConfig config) {
        this.targets = targets;
        this.acting = acting;
        this.clock = clock;
        this.timeout = config.webhook().timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public AttemptResult send(UUID deliveryId, Recipient to, RenderedMessage message) {
        Optional<String> refusal = targets.refusal(to.webhookUrl(), acting.tenant());
        if (refusal.isPresent()) {
            return AttemptResult.failed(null, "target refused: " + refusal.get());
        }
        String id = deliveryId.toString();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(to.webhookUrl()))
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "SalesPulse-Webhooks/1.0")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSignature.sign(to.webhookSecrets(), id, timestamp, message.webhookBody()))
                .POST(HttpRequest.BodyPublishers.ofString(message.webhookBody(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? AttemptResult.accepted(status)
                    : AttemptResult.failed(status, "the receiver answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return AttemptResult.failed(null, "no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return AttemptResult.failed(null, "could not connect to the receiver");
        } catch (IOException e) {
            return AttemptResult.failed(null, "I/O error talking to the receiver: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed(null, "interrupted while sending");
        }
    }
}
