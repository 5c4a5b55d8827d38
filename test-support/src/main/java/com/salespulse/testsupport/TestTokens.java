package com.salespulse.testsupport;

import com.salespulse.localstack.DevTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed by the key pair {@link EmbeddedInfra} configures the application with: the same
 * way the run command makes them, and the way an identity provider would issue them.
 */
public final class TestTokens {

    /** One key pair per test JVM, in a temporary folder, never committed. */
    static final Path KEY_DIRECTORY = Path.of(
            System.getProperty("java.io.tmpdir"),
            "salespulse-test-keys-" + ProcessHandle.current().pid());

    private static final DevTokens TOKENS = DevTokens.inDirectory(KEY_DIRECTORY);

    private TestTokens() {}

    public static String head(String tenant) {
        return TOKENS.head(tenant);
    }

    public static String manager(String tenant, UUID managerId) {
        return TOKENS.manager(tenant, managerId);
    }

    /** A team lead's token: a roster manager (their {@code manager_id}) with the role {@code team-lead}. */
    public static String teamLead(String tenant, UUID managerId) {
        return TOKENS.sign(tenant, "team-lead-" + managerId, Set.of("team-lead"), managerId, Duration.ofHours(1));
    }

    public static String integrator(String tenant) {
        return TOKENS.integrator(tenant);
    }

    public static String ops() {
        return TOKENS.ops();
    }

    /**
     * An ops token naming a tenant: for operations that are the caller's tenant's (an ops endpoint such as the write
     * probe), where {@link #ops()} would be refused for naming none.
     */
    public static String ops(String tenant) {
        return TOKENS.sign(tenant, "ops", Set.of("ops"), null, Duration.ofHours(1));
    }

    /** A head of sales' token that expired an hour ago. */
    public static String expired(String tenant) {
        return TOKENS.sign(tenant, "head-of-sales", Set.of("head"), null, Duration.ofHours(-1));
    }

    /**
     * A head of sales' token with any claim set to any JSON value, or removed with null: {@code tenant} as a number
     * or an array, {@code iat}/{@code exp} (epoch seconds) far apart or in the future. Example:
     * {@code TestTokens.withClaims(Map.of("tenant", List.of("a", "b")))}.
     */
    public static String withClaims(Map<String, ?> claims) {
        return TOKENS.signWithClaims(claims);
    }

    /** A head of sales' token whose {@code tenant} claim is {@code tenant}, of any type; null for none. */
    public static String withTenantClaim(Object tenant) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("tenant", tenant);
        return TOKENS.signWithClaims(claims);
    }

    /**
     * Tenant claims that name no tenant, each to be refused with 403 by every service: missing, blank, a number, an
     * array, the sentinel "-", a space inside, longer than 63 characters. For {@code @MethodSource(
     * "com.salespulse.testsupport.TestTokens#claimsNamingNoTenant")}.
     */
    public static java.util.List<Object> claimsNamingNoTenant() {
        return java.util.Arrays.asList(
                null, "", "   ", 42, java.util.List.of("acme", "globex"), "-", "acme corp", "x".repeat(64));
    }

    /** A manager's token without the {@code manager_id} claim that ties it to a roster entry. */
    public static String managerWithoutManagerId(String tenant) {
        return TOKENS.sign(tenant, "manager-nobody", Set.of("manager"), null, Duration.ofHours(1));
    }

    /** A team lead's token without the {@code manager_id} claim: no roster entry, so no team and no cards. */
    public static String teamLeadWithoutManagerId(String tenant) {
        return TOKENS.sign(tenant, "team-lead-nobody", Set.of("team-lead"), null, Duration.ofHours(1));
    }

    /** A head of sales' token, correctly signed, from an issuer other than the one the application trusts. */
    public static String issuedBy(String tenant, String issuer) {
        return withClaims(Map.of("tenant", tenant, "iss", issuer));
    }

    /** A head of sales' token, correctly signed, issued for another application ({@code aud}). */
    public static String forAudience(String tenant, String audience) {
        return withClaims(Map.of("tenant", tenant, "aud", audience));
    }

    /** A head of sales' token, correctly signed, that names no audience at all. */
    public static String withoutAudience(String tenant) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("tenant", tenant);
        claims.put("aud", null);
        return withClaims(claims);
    }

    /**
     * A head of sales' token with the header {@code "alg":"none"} and no signature: the claims of a valid token, for
     * a verifier that would believe whatever the header says.
     */
    public static String unsigned(String tenant) {
        return ForgedTokens.unsigned(headClaims(tenant));
    }

    /**
     * A head of sales' token signed HS256 with the bytes of the application's public key file as the HMAC secret:
     * the key-confusion attack on a verifier that takes the algorithm from the token's header.
     */
    public static String hmacSignedWithThePublicKey(String tenant) {
        return ForgedTokens.hmacSigned(headClaims(tenant), TOKENS.publicKeyFile());
    }

    private static Map<String, Object> headClaims(String tenant) {
        long now = java.time.Instant.now().getEpochSecond();
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("iss", DevTokens.ISSUER);
        claims.put("aud", DevTokens.AUDIENCE);
        claims.put("sub", "head-of-sales");
        claims.put("upn", "head-of-sales");
        claims.put("groups", java.util.List.of("head"));
        claims.put("tenant", tenant);
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        return claims;
    }

    /** A well-formed head of sales' token signed by a key the application does not trust. */
    public static String signedByAStranger(String tenant) {
        return DevTokens.inDirectory(KEY_DIRECTORY.resolveSibling(KEY_DIRECTORY.getFileName() + "-stranger"))
                .head(tenant);
    }
}
