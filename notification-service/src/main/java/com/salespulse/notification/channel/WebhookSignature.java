package com.salespulse.notification.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} per secret, several
 * space-separated while a secret is being rotated, so a receiver holding either secret accepts the message. A secret
 * is {@code whsec_} followed by the base64 of the key bytes.
 * <p>
 * Written with javax.crypto rather than the reference Java library (com.standardwebhooks:standardwebhooks): that
 * artifact is published without a resolvable POM, so every build would try to fetch it again; the scheme itself is
 * one HMAC.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A new secret: 32 random bytes (the spec asks for 24 to 64). */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for this message, one signature per secret. */
    public static String sign(List<String> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream()
                .map(secret -> "v1," + hmac(secret, messageId + "." + timestampSeconds + "." + body))
                .collect(Collectors.joining(" "));
    }

    private static String hmac(String secret, String content) {
        String encodedKey = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encodedKey), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
