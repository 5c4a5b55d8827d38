package com.salespulse.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses (401) a token issued in the future beyond the clock skew SmallRye JWT allows for {@code exp}
 * ({@code mp.jwt.verify.clock.skew}): SmallRye checks that {@code iat} is there and that the lifetime
 * ({@code exp - iat}) is within {@code smallrye.jwt.time-to-live}, but not when {@code iat} is, so a token minted
 * with a future {@code iat} would pass the lifetime bound while living longer.
 */
@ApplicationScoped
public class IssuedAtCheck implements SecurityIdentityAugmentor {

    private final long clockSkewSeconds;

    public IssuedAtCheck(
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this.clockSkewSeconds = clockSkewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && token.getIssuedAtTime() > 0
                && token.getIssuedAtTime() > Instant.now().getEpochSecond() + clockSkewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token is issued in the future"));
        }
        return Uni.createFrom().item(identity);
    }
}
