package com.salespulse.deal.ingest;

import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.DatabaseWait;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows {@code salespulse.lead.events}: lead creations and conversions (to open deals, and to know the tenant's
 * leads) and the client base. Records of one partition are applied one at a time, in order. While the database cannot
 * be used the record is applied again and again ({@link DatabaseWait}), never dead-lettered, so a conversion always
 * opens its deal once the database is back; any other failure is retried a few times, each attempt in a fresh
 * transaction, and then the record goes to the dead-letter topic with the reason, as does at once a malformed one.
 */
@ApplicationScoped
public class LeadEventsConsumer {

    private static final Logger LOG = Logger.getLogger(LeadEventsConsumer.class);

    private final IncomingEventApplier applier;
    private final DatabaseWait database;

    public LeadEventsConsumer(IncomingEventApplier applier, DatabaseWait database) {
        this.applier = applier;
        this.database = database;
    }

    @Incoming(Topics.LEAD_EVENTS)
    @Blocking
    @Retry(
            maxRetries = 5,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            jitter = 100,
            abortOn = MalformedEventException.class)
    public void leadEvents(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            database.apply(Topics.LEAD_EVENTS, () -> applier.apply(record.value()));
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "Malformed record %s-%d@%d sent to the dead-letter topic: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            throw e;
        }
    }
}
