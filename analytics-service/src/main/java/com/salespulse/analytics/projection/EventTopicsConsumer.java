package com.salespulse.analytics.projection;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the lead, roster and deal topics into the read model through one channel ({@value #CHANNEL}, its
 * {@code topics} set in application.properties), a polled batch at a time ({@link BatchIngest}), one transaction a
 * batch. The channel runs in several copies ({@code concurrency} in application.properties), each its own consumer of
 * the group with its own share of the three topics' partitions, and each subscribing this method on its own: a copy
 * hands it one batch at a time (a blocking method is called in order), so records of one partition (an aggregate's
 * events) are applied in their order, while the copies' batches apply side by side on their own connections. Batches
 * of one tenant take turns only where they must ({@link TenantLocks}). ({@code partitions} would also make several
 * consumers, but merged into one stream that this method takes one batch at a time: they would never apply at once.)
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
