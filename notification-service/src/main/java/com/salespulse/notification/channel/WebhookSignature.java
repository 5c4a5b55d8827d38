package com.salespulse.notification.channel;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * The Standard Webhooks signature: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} per secret, several
 * space-separated while a secret is being rotated, so a receiver holding either secret accepts the message.
 * Computed by the reference library (com.standardwebhooks), which receivers can also use to verify.
 */
public final class WebhookSignature {

    /** Secrets carry this prefix; the rest is the base64 of the key bytes. */
    public static final String SECRET_PREFIX = "whsec_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 32 random bytes (the spec asks for 24 to 64). */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for this message, one signature per secret. */
    public static String sign(List<String> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> {
            try {
                return new Webhook(secret).sign(messageId, timestampSeconds, body);
            } catch (WebhookSigningException e) {
                throw new IllegalStateException("Cannot sign webhook " + messageId, e);
            }
        }).collect(Collectors.joining(" "));
    }
}
