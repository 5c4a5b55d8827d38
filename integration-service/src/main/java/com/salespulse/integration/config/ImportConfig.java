package com.salespulse.integration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The import jobs' limits and retry behaviour (application.properties, docs/imports.md). */
@ConfigMapping(prefix = "salespulse.imports")
public interface ImportConfig {

    /** The most rows one file may hold; more is a 413 problem. */
    @WithDefault("200000")
    int maxRows();

    /** The longest line (one row) in bytes; longer is a 400 problem naming the row. */
    @WithDefault("65536")
    int maxLineBytes();

    /** How often the worker looks for jobs to run. */
    @WithDefault("1s")
    String pollInterval();

    Retry retry();

    UnknownReference unknownReference();

    /** Transient trouble (an owner unreachable, 5xx, 429): retried until it passes, waiting longer each time. */
    interface Retry {
        @WithDefault("1s")
        Duration baseDelay();

        @WithDefault("60s")
        Duration maxDelay();
    }

    /**
     * A row the owner refused only because an entity it names by reference is not known there yet (the other service
     * has not consumed its event yet): tried this many times, this far apart, before it counts as failed.
     */
    interface UnknownReference {
        @WithDefault("5")
        int attempts();

        @WithDefault("2s")
        Duration waitBetween();
    }
}
