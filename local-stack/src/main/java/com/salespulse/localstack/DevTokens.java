package com.salespulse.localstack;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs bearer tokens with a key pair generated on this machine, for the local run and the tests. The key pair is
 * never committed: the run command keeps it in {@code .local/dev-keys/}, tests in a temporary folder. The services
 * verify the tokens with the public key ({@code mp.jwt.verify.publickey.location}); in production that setting
 * points at the identity provider's JWKS instead.
 */
public final class DevTokens {

    /** The {@code iss} of every dev token; the services check it ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "salespulse-dev";

    /** The {@code aud} of every dev token: api-security's default of {@code mp.jwt.verify.audiences}. */
    public static final String AUDIENCE = "salespulse";

    private final Path publicKeyFile;
    private final PrivateKey privateKey;

    private DevTokens(Path publicKeyFile, PrivateKey privateKey) {
        this.publicKeyFile = publicKeyFile;
        this.privateKey = privateKey;
    }

    /** Loads the key pair from {@code directory}, generating it on first use. */
    public static DevTokens inDirectory(Path directory) {
        Path publicKey = directory.resolve("public.pem");
        Path privateKey = directory.resolve("private.pem");
        try {
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(
                        privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            return new DevTokens(publicKey, readPrivateKey(privateKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the dev key pair", e);
        }
    }

    /** Where the services find the public key. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * The private key beside it: integration-service signs its calls to the owning services with it, so the owners
     * trust them as they trust these tokens (in production: a key of its own that the owners' JWKS lists).
     */
    public Path privateKeyFile() {
        return publicKeyFile.resolveSibling("private.pem");
    }

    public String head(String tenant) {
        return sign(tenant, "head-of-sales", Set.of("head"), null, Duration.ofHours(12));
    }

    public String manager(String tenant, UUID managerId) {
        return sign(tenant, "manager-" + managerId, Set.of("manager"), managerId, Duration.ofHours(12));
    }

    public String integrator(String tenant) {
        return sign(tenant, "crm-integration", Set.of("integrator"), null, Duration.ofHours(12));
    }

    public String ops() {
        return sign(null, "ops", Set.of("ops"), null, Duration.ofHours(12));
    }

    /**
     * A token as an identity provider would issue it.
     *
     * @param tenant the {@code tenant} claim, or null for none
     * @param managerId the {@code manager_id} claim, or null for none
     * @param validFor how long from now it stays valid; negative for a token that has already expired
     */
    public String sign(String tenant, String subject, Set<String> roles, UUID managerId, Duration validFor) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .issuedAt(validFor.isNegative() ? now.plus(validFor).minusSeconds(60) : now)
                .expiresAt(now.plus(validFor));
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        if (managerId != null) {
            claims.claim("manager_id", managerId.toString());
        }
        return claims.sign(privateKey);
    }

    /**
     * A head of sales' token valid for an hour, with {@code claims} put over its claims as given: any JSON value (a
     * number, a list, a blank string) for any claim, {@code iat} and {@code exp} as epoch seconds; a null value
     * removes the claim. For tests of what the services refuse.
     */
    public String signWithClaims(Map<String, ?> claims) {
        Instant now = Instant.now();
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("head-of-sales")
                .upn("head-of-sales")
                .groups(Set.of("head"))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1)));
        claims.forEach((name, value) -> {
            if (value == null) {
                builder.remove(name);
            } else if (name.equals("iat") && value instanceof Number seconds) {
                builder.issuedAt(seconds.longValue());
            } else if (name.equals("exp") && value instanceof Number seconds) {
                builder.expiresAt(seconds.longValue());
            } else if (name.equals("aud") && value instanceof String audience) {
                builder.audience(audience);
            } else {
                builder.claim(name, value);
            }
        });
        return builder.sign(privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String base64 =
                Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
