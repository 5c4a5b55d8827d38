package com.salespulse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.salespulse.problem.ProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-tenant and per-client rate limits on every API operation of every service: a request over either limit is
 * answered 429 {@code too-many-requests} problem+json with {@code Retry-After} (whole seconds until a request would
 * pass) and runs nothing. The client is the token's subject within its tenant; the client's bucket is asked first,
 * and a request the tenant's bucket then refuses is given back to the client's. A call relayed by another Sales Pulse
 * service ({@link CallerClaims#RELAYED_BY}: an import's rows) is not counted again. Runs after authentication (a request
 * without a valid token is 401, not counted) and after the tenant check. Buckets of callers not seen for ten minutes
 * are forgotten (a new bucket starts full, which is what the caller would have after ten minutes anyway).
 */
@ApplicationScoped // created on first use: filters are set up at static init, before run-time config mappings
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final CurrentIdentityAssociation identities;
    private final RateLimitConfig config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    public RateLimits(CurrentIdentityAssociation identities, RateLimitConfig config) {
        this.identities = identities;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public Uni<Void> limit() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return identities
                .getDeferredIdentity()
                .invoke(identity -> {
                    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                        return; // the operation's own security answers
                    }
                    if (token.containsClaim(CallerClaims.RELAYED_BY)) {
                        return; // limited where the caller came in
                    }
                    Optional<String> tenant = TenantClaim.tenantOf(token.getClaim(CallerClaims.TENANT));
                    // a service-wide (ops) token names no tenant: its client limit is its only one
                    String scope = tenant.orElse("");
                    admit(scope, String.valueOf(token.getSubject()));
                })
                .replaceWithVoid();
    }

    /** Takes one request from the client's and the tenant's buckets, or throws the 429 problem. */
    void admit(String tenant, String subject) {
        Bucket client = buckets.get(
                "client\u0000" + tenant + "\u0000" + subject,
                key -> bucket(
                        config.client().requestsPerSecond(), config.client().burst()));
        ConsumptionProbe byClient = client.tryConsumeAndReturnRemaining(1);
        if (!byClient.isConsumed()) {
            throw refused("client " + subject, byClient);
        }
        if (tenant.isEmpty()) {
            return;
        }
        Bucket all = buckets.get("tenant\u0000" + tenant, key -> {
            RateLimitConfig.Limit limit = config.tenants().getOrDefault(tenant, config.tenant());
            return bucket(limit.requestsPerSecond(), limit.burst());
        });
        ConsumptionProbe byTenant = all.tryConsumeAndReturnRemaining(1);
        if (!byTenant.isConsumed()) {
            client.addTokens(1); // refused for the tenant's sake: not counted against the client
            throw refused("tenant " + tenant, byTenant);
        }
    }

    private static Bucket bucket(int perSecond, int burst) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(perSecond, Duration.ofSeconds(1))
                        .build())
                .build();
    }

    private static ProblemException refused(String who, ConsumptionProbe probe) {
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        LOG.infof("Rate limit of %s reached; retry after %d ms", who, wait.toMillis());
        return ProblemException.tooManyRequests(
                "Too many requests for the " + who.substring(0, who.indexOf(' '))
                        + "'s rate limit; try again after the time in Retry-After",
                wait);
    }
}
