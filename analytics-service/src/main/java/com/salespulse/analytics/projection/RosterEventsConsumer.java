package com.salespulse.analytics.projection;

import com.salespulse.contract.Topics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads the roster events topic into the read model, a polled batch at a time ({@link BatchIngest}). */
@ApplicationScoped
public class RosterEventsConsumer {

    private final BatchIngest ingest;

    public RosterEventsConsumer(BatchIngest ingest) {
        this.ingest = ingest;
    }

    @Incoming(Topics.ROSTER_EVENTS)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        ingest.ingest(Topics.ROSTER_EVENTS, records);
    }
}
