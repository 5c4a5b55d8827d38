package com.salespulse.notification.channel;

import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.security.ActingScope;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs the JSON body to the subscriber's URL with the Standard Webhooks headers. The {@code webhook-id} is the
 * delivery id, the same on every retry; the timestamp is the attempt's. Redirects are not followed (a redirect could
 * lead into our network), and the target is checked again before every attempt, since DNS may have changed: the
 * connection goes to the very address that was checked ({@link WebhookTargetPolicy#target}), while the Host header,
 * TLS server name and certificate check use the URL's host, so no second DNS answer (rebinding) can send the request
 * elsewhere. Connecting and the whole exchange are bounded by their timeouts.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final WebhookTargetPolicy targets;
    private final ActingScope acting;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookSender(
            WebhookTargetPolicy targets, ActingScope acting, Clock clock, NotificationConfig config, Vertx vertx) {
        this.targets = targets;
        this.acting = acting;
        this.clock = clock;
        this.timeout = config.webhook().timeout();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.webhook().connectTimeout().toMillis())
                .setIdleTimeout((int) timeout.toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setForceSni(true)
                .setVerifyHost(true)
                .setKeepAlive(false));
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public AttemptResult send(UUID deliveryId, Recipient to, RenderedMessage message) {
        WebhookTargetPolicy.Verdict verdict = targets.target(to.webhookUrl(), acting.tenant());
        Optional<String> refusal = verdict.refusal();
        if (refusal.isPresent() || verdict.target().isEmpty()) {
            return AttemptResult.failed(null, "target refused: " + refusal.orElse("no address"));
        }
        WebhookTargetPolicy.Target target = verdict.target().get();
        String id = deliveryId.toString();
        long timestamp = clock.instant().getEpochSecond();
        String path =
                target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                        ? "/"
                        : target.uri().getRawPath();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl("https".equalsIgnoreCase(target.uri().getScheme()))
                .setURI(
                        target.uri().getRawQuery() == null
                                ? path
                                : path + "?" + target.uri().getRawQuery())
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "SalesPulse-Webhooks/1.0")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader(
                        "webhook-signature",
                        WebhookSignature.sign(to.webhookSecrets(), id, timestamp, message.webhookBody()));
        try {
            int status = http.request(request)
                    .compose(sending -> sending.send(Buffer.buffer(message.webhookBody())))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (status >= 200 && status < 300) {
                return AttemptResult.accepted(status);
            }
            return AttemptResult.failed(
                    status,
                    status >= 300 && status < 400
                            ? "the receiver answered HTTP " + status + ", a redirect; webhooks do not follow redirects"
                            : "the receiver answered HTTP " + status);
        } catch (TimeoutException e) {
            return AttemptResult.failed(null, "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed(null, "interrupted while sending");
        }
    }

    private AttemptResult failure(Throwable cause) {
        if (cause instanceof ConnectException) {
            return AttemptResult.failed(null, "could not connect to the receiver");
        }
        if (cause != null && cause.getClass().getSimpleName().contains("Timeout")) {
            return AttemptResult.failed(null, "no answer within " + timeout.toSeconds() + " s");
        }
        return AttemptResult.failed(
                null, "I/O error talking to the receiver: " + (cause == null ? "unknown" : cause.getMessage()));
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
