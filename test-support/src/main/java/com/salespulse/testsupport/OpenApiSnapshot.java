package com.salespulse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a service's live OpenAPI document with the snapshot committed under {@code docs/openapi/}, so that every
 * API change shows up as a diff in review. After an intended change, regenerate the snapshots with
 * {@code ./mvnw verify -Dopenapi.update=true} and commit them.
 */
public final class OpenApiSnapshot {

    private OpenApiSnapshot() {}

    /**
     * @return null when the live document equals the snapshot (or the snapshot was just rewritten on request);
     *         otherwise a message saying what to do
     */
    public static String compare(String service) throws IOException, InterruptedException {
        String live = ManagementInterface.get("/q/openapi?format=yaml").body();
        Path snapshot = Path.of(System.getProperty("salespulse.openapi-dir", "../docs/openapi"))
                .resolve(service + ".yaml");
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, live);
            return null;
        }
        if (!Files.exists(snapshot)) {
            return "No OpenAPI snapshot at " + snapshot + "; create it with ./mvnw verify -Dopenapi.update=true";
        }
        String committed = Files.readString(snapshot);
        if (committed.equals(live)) {
            return null;
        }
        return "The OpenAPI document of " + service + " differs from " + snapshot
                + ". If the change is intended, run ./mvnw verify -Dopenapi.update=true and commit the diff.\n"
                + firstDifference(committed, live);
    }

    private static String firstDifference(String committed, String live) {
        String[] a = committed.split("\n", -1);
        String[] b = live.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end>";
            String right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) {
                return "first difference at line " + (i + 1) + ":\n  committed: " + left + "\n  live:      " + right;
            }
        }
        return "";
    }
}
