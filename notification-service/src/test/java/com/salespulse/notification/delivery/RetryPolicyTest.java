package com.salespulse.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.notification.config.NotificationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static NotificationConfig.Delivery config() {
        return new NotificationConfig.Delivery() {
            public String pollInterval() {
                return "1s";
            }

            public int batchSize() {
                return 50;
            }

            public int maxAttempts() {
                return 8;
            }

            public Duration maxAge() {
                return Duration.ofHours(24);
            }

            public Duration baseDelay() {
                return Duration.ofSeconds(5);
            }

            public Duration maxDelay() {
                return Duration.ofHours(1);
            }

            public double jitter() {
                return 0.3;
            }

            public int failingAfter() {
                return 3;
            }

            public Duration cooldown() {
                return Duration.ofHours(6);
            }

            public int senders() {
                return 8;
            }

            public Duration lease() {
                return Duration.ofSeconds(20);
            }

            public String leaseRenewal() {
                return "5s";
            }
        };
    }

    @Test
    void waitsDoubleAfterEachFailureUpToTheCap() {
        RetryPolicy noJitter = new RetryPolicy(config(), () -> 0.0);

        assertThat(noJitter.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(noJitter.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(noJitter.delayAfter(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(noJitter.delayAfter(12)).isEqualTo(Duration.ofHours(1));
        assertThat(noJitter.delayAfter(60)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterTakesUpToItsShareOffTheWait() {
        RetryPolicy fullJitter = new RetryPolicy(config(), () -> 0.999_999);

        assertThat(fullJitter.delayAfter(2)).isBetween(Duration.ofMillis(7_000), Duration.ofMillis(7_001));
    }

    @Test
    void theBudgetIsAttemptsOrAgeWhicheverRunsOutFirst() {
        RetryPolicy policy = new RetryPolicy(config(), () -> 0.5);
        Instant due = Instant.parse("2026-11-27T10:00:00Z");

        assertThat(policy.exhausted(7, due, due.plusSeconds(600))).isEmpty();
        assertThat(policy.exhausted(8, due, due.plusSeconds(600)))
                .isEqualTo(Optional.of(RetryPolicy.Exhausted.MAX_ATTEMPTS));
        assertThat(policy.exhausted(3, due, due.plus(Duration.ofHours(24))))
                .isEqualTo(Optional.of(RetryPolicy.Exhausted.MAX_AGE));
    }
}
