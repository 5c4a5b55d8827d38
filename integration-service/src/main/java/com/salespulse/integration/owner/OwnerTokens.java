package com.salespulse.integration.owner;

import com.salespulse.integration.config.OwnersConfig;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerClaims;
import com.salespulse.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the bearer tokens of the calls to the owners: an integrator token for the job's tenant, whose subject is
 * the person who uploaded the file (so the owners record them as the actor of every change), living a few minutes.
 * The signing key ({@code smallrye.jwt.sign.key.location}) must be one the owners trust: in a local run the dev key
 * pair of ./run-local.sh, in production a key whose public half is in the identity provider's JWKS (or a client
 * credentials grant in its place; see docs/imports.md).
 */
@ApplicationScoped
public class OwnerTokens {

    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private record Signed(String token, Instant expiresAt) {}

    private final OwnersConfig config;
    private final ActingScope acting;
    private final Clock clock;
    private final Map<UUID, Signed> byJob = new ConcurrentHashMap<>();

    public OwnerTokens(OwnersConfig config, ActingScope acting) {
        this.config = config;
        this.acting = acting;
        this.clock = Clock.systemUTC();
    }

    /**
     * A valid token for the job: the one signed before while it has more than a minute left, else a new one. The
     * tenant and actor are the job's own (its row's): the worker acts for every tenant's jobs in turn, with no caller
     * and no acting scope, so they are genuine parameters here.
     */
    public String forJob(UUID jobId, String tenant, String actor) {
        return forSource(jobId, tenant, actor, "import_job");
    }

    /**
     * A token for one push request (ingress/): an integrator of the tenant acted for (the caller's), with
     * {@code subject}, the subject of the integrator's or head's own token, so the owners record them as the actor of
     * every change.
     */
    public String forPush(String subject) {
        Instant now = clock.instant();
        return Jwt.issuer(config.tokenIssuer())
                .audience(config.tokenAudience())
                .subject(subject)
                .upn(subject)
                .groups(Set.of(Roles.INTEGRATOR))
                .claim("tenant", acting.requireTenant())
                .claim("ingress", "cloudevents")
                .claim(CallerClaims.RELAYED_BY, "integration-service")
                .issuedAt(now)
                .expiresAt(now.plus(config.tokenLifetime()))
                .sign();
    }

    /**
     * A valid token for a standing source of changes that is no import job (an amoCRM connection): the same kind of
     * integrator token, naming the source in the claim {@code claim} instead of {@code import_job}. The tenant and
     * actor are the source's own, as for {@link #forJob}: the worker that calls this acts for no caller.
     */
    public String forSource(UUID sourceId, String tenant, String actor, String claim) {
        Instant now = clock.instant();
        Signed signed = byJob.get(sourceId);
        if (signed == null || signed.expiresAt().minus(RENEW_BEFORE).isBefore(now)) {
            Instant expiresAt = now.plus(config.tokenLifetime());
            String token = Jwt.issuer(config.tokenIssuer())
                    .audience(config.tokenAudience())
                    .subject(actor)
                    .upn(actor)
                    .groups(Set.of(Roles.INTEGRATOR))
                    .claim("tenant", tenant)
                    .claim(claim, sourceId.toString())
                    .claim(CallerClaims.RELAYED_BY, "integration-service")
                    .issuedAt(now)
                    .expiresAt(expiresAt)
                    .sign();
            signed = new Signed(token, expiresAt);
            byJob.put(sourceId, signed);
        }
        return signed.token();
    }

    /** Forgets a finished job's token. */
    public void forget(UUID jobId) {
        byJob.remove(jobId);
    }
}
