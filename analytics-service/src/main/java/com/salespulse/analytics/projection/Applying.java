package com.salespulse.analytics.projection;

import com.salespulse.contract.EventMetadata;
import java.time.Instant;

/**
 * What a projection needs besides the event's data: the generation it writes to, the event's envelope (tenant, time,
 * actor) and the batch's gathered {@link Writes}.
 */
public record Applying(int gen, EventMetadata metadata, Writes writes) {

    public String tenant() {
        return metadata.tenant();
    }

    public Instant time() {
        return metadata.time();
    }
}
