package com.salespulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * What the cache may and may not skip. The verifier here is a stand-in that knows which texts are valid tokens and
 * counts its verifications; the clock is in the test's hand. The end-to-end answers (401 for an altered or expired
 * token once a valid one was seen) are lead-service's VerifiedTokenTest.
 */
class VerifiedTokenCacheTest {

    private final Map<String, Long> validTokens = new HashMap<>();
    private final AtomicInteger verifications = new AtomicInteger();
    private long now = 1_000_000;
    private final VerifiedTokenCache cache = new VerifiedTokenCache(verifier(), 100, () -> now);

    @Test
    void aTokenVerifiedOnceIsTakenAgainWithoutVerifying() throws ParseException {
        validTokens.put("a.b.c", now + 600);

        JsonWebToken first = cache.parse("a.b.c");
        JsonWebToken again = cache.parse("a.b.c");

        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anAlteredTokenIsVerifiedAndRefusedEvenWhenTheOriginalIsKept() throws ParseException {
        validTokens.put("a.b.c", now + 600);
        cache.parse("a.b.c");

        assertThatThrownBy(() -> cache.parse("a.b.d")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse("a.b.d")).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aKeptTokenPastItsExpiryIsVerifiedAgainAndSoRefused() throws ParseException {
        validTokens.put("a.b.c", now + 600);
        cache.parse("a.b.c");

        now += 600;
        validTokens.remove("a.b.c"); // what SmallRye answers for an expired token: a ParseException

        assertThatThrownBy(() -> cache.parse("a.b.c")).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        assertThatThrownBy(() -> cache.parse("x.y.z")).isInstanceOf(ParseException.class);
        validTokens.put("x.y.z", now + 600);

        assertThat(verifiedWithoutError("x.y.z")).isTrue();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void sizeZeroVerifiesEveryTime() throws ParseException {
        VerifiedTokenCache off = new VerifiedTokenCache(verifier(), 0, () -> now);
        validTokens.put("a.b.c", now + 600);

        off.parse("a.b.c");
        off.parse("a.b.c");

        assertThat(verifications).hasValue(2);
    }

    private boolean verifiedWithoutError(String token) {
        try {
            cache.parse(token);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    private JWTParser verifier() {
        return (JWTParser) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("parse") || args.length != 1) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    verifications.incrementAndGet();
                    Long exp = validTokens.get((String) args[0]);
                    if (exp == null) {
                        throw new ParseException("refused");
                    }
                    return token(exp);
                });
    }

    private JsonWebToken token(long exp) {
        return (JsonWebToken) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {JsonWebToken.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getExpirationTime" -> exp;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
