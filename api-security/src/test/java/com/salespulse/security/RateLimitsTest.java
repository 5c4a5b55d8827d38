package com.salespulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of the two limits: a client is stopped by its own bucket before it drains its tenant's, and a request
 * the tenant's bucket refuses is not charged to the client. Buckets refill at one request a second here, far slower
 * than the test runs, so no refill happens between the calls. The end-to-end answer (429 problem+json, Retry-After,
 * nothing written) is lead-service's RateLimitTest.
 */
class RateLimitsTest {

    private final RateLimits limits = new RateLimits(null, config(2, 3, Map.of("big", limit(1, 10))));

    @Test
    void aClientOverItsOwnLimitIsRefusedWhileAnotherClientOfTheTenantStillPasses() {
        limits.admit("acme", "crm-sync");
        limits.admit("acme", "crm-sync");

        assertThatThrownBy(() -> limits.admit("acme", "crm-sync"))
                .isInstanceOfSatisfying(ProblemException.class, refused -> {
                    assertThat(refused.toProblem().status()).isEqualTo(429);
                    assertThat(refused.toProblem().detail()).contains("client's rate limit");
                    assertThat(refused.retryAfter())
                            .hasValueSatisfying(
                                    wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
                });
        limits.admit("acme", "head-browser"); // the tenant's third request: its limit is 3
    }

    @Test
    void theTenantsLimitStopsAllItsClientsAndLeavesOtherTenantsAlone() {
        limits.admit("acme", "a");
        limits.admit("acme", "b");
        limits.admit("acme", "c");

        assertThatThrownBy(() -> limits.admit("acme", "d"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused -> assertThat(refused.toProblem().detail()).contains("tenant's rate limit"));
        limits.admit("globex", "a");
    }

    @Test
    void aRequestTheTenantRefusedIsNotChargedToTheClient() {
        limits.admit("acme", "a");
        limits.admit("acme", "a");
        limits.admit("acme", "b"); // the tenant's 3 are used; "b" has 1 left of its 2

        assertThatThrownBy(() -> limits.admit("acme", "b")).hasMessageContaining("tenant's rate limit");
        // had the refused request been charged, "b" would now be over its own limit instead
        assertThatThrownBy(() -> limits.admit("acme", "b")).hasMessageContaining("tenant's rate limit");
    }

    @Test
    void aTenantWithItsOwnLimitGetsIt() {
        for (int i = 0; i < 10; i++) {
            limits.admit("big", "client-" + i);
        }
        assertThatThrownBy(() -> limits.admit("big", "client-10"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused ->
                                assertThat(refused.toProblem().type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS.uri()));
    }

    @Test
    void anOpsTokenWithoutATenantHasOnlyItsClientLimit() {
        limits.admit("", "ops");
        limits.admit("", "ops");
        assertThatThrownBy(() -> limits.admit("", "ops")).hasMessageContaining("client's rate limit");
    }

    private static RateLimitConfig.Limit limit(int perSecond, int burst) {
        return new RateLimitConfig.Limit() {
            @Override
            public int requestsPerSecond() {
                return perSecond;
            }

            @Override
            public int burst() {
                return burst;
            }
        };
    }

    private static RateLimitConfig config(
            int clientBurst, int tenantBurst, Map<String, RateLimitConfig.Limit> tenants) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Limit tenant() {
                return limit(1, tenantBurst);
            }

            @Override
            public Client client() {
                return new Client() {
                    @Override
                    public int requestsPerSecond() {
                        return 1;
                    }

                    @Override
                    public int burst() {
                        return clientBurst;
                    }
                };
            }

            @Override
            public Map<String, Limit> tenants() {
                return tenants;
            }
        };
    }
}
