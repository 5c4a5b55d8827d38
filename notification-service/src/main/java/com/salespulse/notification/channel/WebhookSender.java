package com.salespulse.notification.channel;

import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.notification.delivery.Delivery;
import com.salespulse.notification.message.RenderedMessage;
import com.salespulse.notification.subscription.Channel;
import com.salespulse.notification.subscription.Subscription;
import com.salespulse.notification.subscription.WebhookTargetPolicy;
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

/**
 * POSTs the JSON body to the subscriber's URL with the Standard Webhooks headers. The {@code webhook-id} is the
 * delivery id, the same on every retry; the timestamp is the attempt's. Redirects are not followed (a redirect could
 * lead into our network), and the target is checked again before every attempt, since DNS may have changed.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final WebhookTargetPolicy targets;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookSender(WebhookTargetPolicy targets, Clock clock, NotificationConfig config) {
        this.targets = targets;
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
    public AttemptResult send(Delivery delivery, Subscription subscription, RenderedMessage message) {
        Optional<String> refusal = targets.refusal(subscription.webhookUrl, subscription.tenantId);
        if (refusal.isPresent()) {
            return AttemptResult.failed(null, "target refused: " + refusal.get());
        }
        String id = delivery.id.toString();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.webhookUrl))
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "SalesPulse-Webhooks/1.0")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSignature.sign(subscription.secrets(), id, timestamp, message.webhookBody()))
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
