package com.salespulse.integration.ingress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The push ingress's limits (application.properties, docs/push.md). */
@ConfigMapping(prefix = "salespulse.push")
public interface PushConfig {

    /** The largest body of one push request, in bytes; larger is a 413 problem. */
    @WithDefault("4194304")
    long maxBodyBytes();

    /** The most events one batch may hold; more is a 413 problem. */
    @WithDefault("500")
    int maxBatchEvents();

    /**
     * How often an event whose owner answered 5xx is sent again within the request before it is answered 503: such
     * an answer means the owner's transaction rolled back (e.g. a card changed concurrently by the owner's own
     * consumer), and the upsert by reference is safe to repeat.
     */
    @WithDefault("2")
    int ownerRetries();

    /** The wait before the first of those retries; doubled for each next one. */
    @WithDefault("200ms")
    Duration ownerRetryDelay();
}
