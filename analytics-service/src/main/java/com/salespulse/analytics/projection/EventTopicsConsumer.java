package com.salespulse.analytics.projection;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the lead, roster and deal topics into the read model through one channel ({@value #CHANNEL}, its
 * {@code topics} set in application.properties), a polled batch at a time ({@link BatchIngest}), one transaction a
 * batch. The channel runs several consumers of the group ({@code partitions} in application.properties), each with
 * its own share of the three topics' partitions and its own thread: each applies its batches one after the other, so
 * records of one partition (an aggregate's events) are applied in their order, while the consumers' batches apply
 * side by side on their own connections. Batches of one tenant take turns only where they must ({@link TenantLocks}).
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
