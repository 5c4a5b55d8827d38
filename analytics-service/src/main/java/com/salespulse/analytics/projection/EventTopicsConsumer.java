package com.salespulse.analytics.projection;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the lead, roster and deal topics into the read model through one channel ({@value #CHANNEL}, its
 * {@code topics} set in application.properties), a polled batch at a time ({@link BatchIngest}). One consumer for
 * the three topics rather than one per topic: the projections of one tenant apply one batch at a time
 * ({@link TenantLocks}), so three consumers would only wait for each other, each with a smaller batch; one poll of
 * the three topics is one batch and one transaction. Records of one partition still come in their order.
 */
@ApplicationScoped
public class EventTopicsConsumer {

    /** The channel: named after what it reads, the suite's event topics that feed the read model. */
    public static final String CHANNEL = "salespulse.event-topics";

    private final BatchIngest ingest;

    public EventTopicsConsumer(BatchIngest ingest) {
        this.ingest = ingest;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        ingest.ingest(records);
    }
}
