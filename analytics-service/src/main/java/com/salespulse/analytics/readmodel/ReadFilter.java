package com.salespulse.analytics.readmodel;

import java.time.Instant;
import java.util.UUID;

/**
 * What a read of the read model is limited to: a tenant's generation, and the filters of the cards and deals it
 * reads (null for an unused one). A metric request is one ({@code metric/MetricRequest}); the rules here take it
 * without knowing the metrics.
 */
public interface ReadFilter {

    int gen();

    String tenant();

    UUID managerId();

    UUID teamId();

    String source();

    UUID pipelineId();

    /**
     * The past moment the read is about (a "now" metric's {@code asOf=}), null for the state now: the rules then read
     * the history ({@code open_cards_at}, V2026_12_12_40) instead of the live rows.
     */
    default Instant past() {
        return null;
    }
}
