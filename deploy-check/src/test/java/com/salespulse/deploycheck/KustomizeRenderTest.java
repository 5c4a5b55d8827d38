package com.salespulse.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy-check's own rendering is what {@code kubectl kustomize} renders. Runs where kubectl is on the PATH (it is on
 * the team's machines); elsewhere it is skipped, and {@link Kustomize} refuses every field it does not implement.
 */
class KustomizeRenderTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersAsKubectlKustomizeDoes(String overlay) throws Exception {
        String kubectl;
        try {
            kubectl = run("kubectl", "kustomize", DeployFiles.overlay(overlay).toString());
        } catch (IOException notInstalled) {
            kubectl = null;
        }
        assumeTrue(kubectl != null, "kubectl is not on the PATH");

        assertThat(Kustomize.byIdentity(Kustomize.render(DeployFiles.overlay(overlay))))
                .isEqualTo(Kustomize.byIdentity(Yaml.documents(kubectl)));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
