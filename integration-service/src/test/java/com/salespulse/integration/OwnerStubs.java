package com.salespulse.integration;

import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points the service at two {@link OwnerStub}s in place of lead-service and deal-service, and lets it sign its calls
 * with the test key pair (the one {@code EmbeddedInfra} makes the application trust), as a deployment lets it sign
 * with a key the owners trust.
 */
public class OwnerStubs implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            TestTokens.head("warm-up"); // makes the test key pair, if nothing has yet
            Path keys = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "salespulse-test-keys-" + ProcessHandle.current().pid());
            return Map.of(
                    "salespulse.owners.lead-url", OwnerStub.LEAD.start(),
                    "salespulse.owners.deal-url", OwnerStub.DEAL.start(),
                    "smallrye.jwt.sign.key.location",
                            keys.resolve("private.pem").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        OwnerStub.LEAD.stop();
        OwnerStub.DEAL.stop();
    }
}
