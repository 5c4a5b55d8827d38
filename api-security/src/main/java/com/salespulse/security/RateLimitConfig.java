package com.salespulse.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * How many API requests a tenant, and each client of a tenant, may make ({@link RateLimits}). A limit is a token
 * bucket: {@code burst} requests at once, refilled at {@code requests-per-second}. Limits are per instance: with N
 * replicas behind the load balancer a tenant may make up to N times as many (docs/security.md).
 */
@ConfigMapping(prefix = "salespulse.rate-limit")
public interface RateLimitConfig {

    /** Off only for a benchmark that measures the service itself rather than its limits. */
    @WithDefault("true")
    boolean enabled();

    /** All requests of one tenant together: protects the other tenants from one tenant's burst. */
    Limit tenant();

    /**
     * All requests of one client (the token's subject) of a tenant: one runaway integration cannot use up its
     * tenant's limit and lock out the tenant's people.
     */
    Client client();

    /** A tenant's own limit instead of {@link #tenant()}, by tenant id (a large customer, a migration day). */
    Map<String, Limit> tenants();

    interface Limit {
        @WithDefault("100")
        int requestsPerSecond();

        @WithDefault("500")
        int burst();
    }

    interface Client {
        @WithDefault("50")
        int requestsPerSecond();

        @WithDefault("200")
        int burst();
    }
}
