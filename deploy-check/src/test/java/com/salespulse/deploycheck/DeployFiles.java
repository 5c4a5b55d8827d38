package com.salespulse.deploycheck;

import static com.salespulse.deploycheck.Yaml.map;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Where deploy/ and the services are: the repository root, which Surefire passes as {@code salespulse.repo-dir}. */
final class DeployFiles {

    static Path repo() {
        return Path.of(System.getProperty("salespulse.repo-dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path kubernetes() {
        return repo().resolve("deploy/kubernetes");
    }

    static Path overlay(String name) {
        return kubernetes().resolve("overlays").resolve(name);
    }

    static Path compose() {
        return repo().resolve("deploy/compose/compose.yaml");
    }

    /** The Secrets of secret.template.yaml by name, each with its keys: the keys a Deployment may take. */
    static Map<String, Set<String>> secretTemplate() {
        Map<String, Set<String>> secrets = new TreeMap<>();
        List<Map<String, Object>> documents = Yaml.documents(kubernetes().resolve("secret.template.yaml"));
        for (Map<String, Object> secret : documents) {
            String name = (String) map(secret.get("metadata")).get("name");
            secrets.put(name, Set.copyOf(map(secret.get("stringData")).keySet()));
        }
        return secrets;
    }

    private DeployFiles() {}
}
