package com.salespulse.analytics.projection;

import com.salespulse.contract.EventMetadata;
import java.time.Instant;

/**
 * What a projection needs besides the event's data: the generation it writes to and the event's envelope
 * (tenant, time, actor).
 */
public record Applying(int gen, EventMetadata metadata) {

    public String tenant() {
        return metadata.tenant();
    }

    public Instant time() {
        return metadata.time();
    }
}
