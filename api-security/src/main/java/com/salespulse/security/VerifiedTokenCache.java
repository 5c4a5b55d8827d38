package com.salespulse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer tokens SmallRye JWT has verified, by the token's exact text, so a client sending the same token again
 * (every request of a session) is not parsed and verified again: the signature, issuer, audience, lifetime and
 * {@code iat} checks ran on the first request, and the text, signature included, is the same. Only
 * {@link #parse(String)} (what Quarkus's bearer authentication calls) is cached; every other method is SmallRye's.
 * <p>
 * A token is taken from here only before its {@code exp} (never later than SmallRye would accept it, and without the
 * clock skew: past {@code exp} it is verified again, so refused as before) and at most {@link #LONGEST_KEPT} after it
 * was verified. That bound is what a removed signing key (a rotation, a revoked key) costs: a token signed with it is
 * accepted here for at most that long, less than SmallRye's own JWKS refresh interval keeps a removed key. A token
 * that fails verification is never kept: an altered token is a different text and is verified. {@code iat} in the
 * future ({@link IssuedAtCheck}), the tenant and the manager claims are checked on every request as before.
 * {@code salespulse.jwt.verified-token-cache.size=0} turns the cache off (docs/security.md).
 * <p>
 * Why: parsing and verifying the token (jose4j's JSON, base64 and RSA, the claims into JSON-P) was about a sixth of a
 * write's CPU and over a third of the write probe's (docs/benchmarks.md, the write path).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** How long a verified token is taken without verifying it again, at most. */
    static final Duration LONGEST_KEPT = Duration.ofMinutes(5);

    private final JWTParser verifier;
    private final LongSupplier epochSecond;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokenCache(
            DefaultJWTParser verifier,
            @ConfigProperty(name = "salespulse.jwt.verified-token-cache.size", defaultValue = "10000") long size) {
        this(verifier, size, () -> System.currentTimeMillis() / 1000);
    }

    VerifiedTokenCache(JWTParser verifier, long size, LongSupplier epochSecond) {
        this.verifier = verifier;
        this.epochSecond = epochSecond;
        this.verified = size > 0
                ? Caffeine.newBuilder()
                        .maximumSize(size)
                        .expireAfterWrite(LONGEST_KEPT)
                        .build()
                : null;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return verifier.parse(token);
        }
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && epochSecond.getAsLong() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken fresh = verifier.parse(token);
        if (epochSecond.getAsLong() < fresh.getExpirationTime()) {
            verified.put(token, fresh);
        } else if (known != null) {
            verified.invalidate(token);
        }
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
