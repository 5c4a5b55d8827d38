package com.salespulse.messaging.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a consumer waits for its database ({@link DatabaseWait}). */
@ConfigMapping(prefix = "salespulse.inbox")
public interface InboxConfig {

    /**
     * How long a consumer waits before applying a record again when the database could not be used (down, refusing
     * connections, out of connections, a deadlock); the wait doubles up to {@link #databaseRetryLongestPause()}.
     */
    @WithDefault("200ms")
    Duration databaseRetryFirstPause();

    /** The longest wait between two applies of a record while the database cannot be used. */
    @WithDefault("5s")
    Duration databaseRetryLongestPause();
}
