package com.salespulse.analytics.readmodel;

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
}
