package com.salespulse.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The example from the Standard Webhooks reference libraries' test suites. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsLikeTheReferenceImplementation() {
        assertThat(WebhookSignature.sign(List.of(SECRET), ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringARotationEachSecretSignsSpaceSeparated() {
        String other = WebhookSignature.newSecret();

        String header = WebhookSignature.sign(List.of(other, SECRET), ID, TIMESTAMP, BODY);

        assertThat(header.split(" "))
                .containsExactly(
                        WebhookSignature.sign(List.of(other), ID, TIMESTAMP, BODY),
                        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aChangedBodyOrIdChangesTheSignature() {
        String original = WebhookSignature.sign(List.of(SECRET), ID, TIMESTAMP, BODY);

        assertThat(WebhookSignature.sign(List.of(SECRET), ID, TIMESTAMP, BODY + " "))
                .isNotEqualTo(original);
        assertThat(WebhookSignature.sign(List.of(SECRET), ID + "x", TIMESTAMP, BODY))
                .isNotEqualTo(original);
        assertThat(WebhookSignature.sign(List.of(SECRET), ID, TIMESTAMP + 1, BODY))
                .isNotEqualTo(original);
    }

    @Test
    void newSecretsAreStandardWebhooksSecretsOf32Bytes() {
        String secret = WebhookSignature.newSecret();

        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
    }
}
