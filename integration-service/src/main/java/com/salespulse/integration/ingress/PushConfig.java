package com.salespulse.integration.ingress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The push ingress's limits (application.properties, docs/push.md). */
@ConfigMapping(prefix = "salespulse.push")
public interface PushConfig {

    /** The largest body of one push request, in bytes; larger is a 413 problem. */
    @WithDefault("4194304")
    long maxBodyBytes();

    /** The most events one batch may hold; more is a 413 problem. */
    @WithDefault("500")
    int maxBatchEvents();
}
