package com.salespulse.notification.roster;

import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.messaging.tracing.EventTracing;
import com.salespulse.notification.event.TopicEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the roster topic into the {@link Roster} replica, one record of a partition at a time, acting for the
 * event's tenant. Managers, teams and the tenant's calendar (its settings) matter here; absences and card transfers are skipped. While
 * the database cannot be used the record is applied again and again ({@link DatabaseWait}), never dead-lettered; any
 * other failure is retried a few times, each attempt in a fresh transaction ({@link RosterInbox} is a separate bean for
 * that reason), and then the record goes to the dead-letter topic with the reason, as does at once a record that is
 * not a roster event.
 */
@ApplicationScoped
public class RosterEventsConsumer {

    private final TopicEvents events;
    private final RosterInbox inbox;
    private final DatabaseWait database;
    private final EventTracing tracing;

    public RosterEventsConsumer(TopicEvents events, RosterInbox inbox, DatabaseWait database, EventTracing tracing) {
        this.tracing = tracing;
        this.events = events;
        this.inbox = inbox;
        this.database = database;
    }

    @Incoming(Topics.ROSTER_EVENTS)
    @Blocking
    @ActivateRequestContext
    @Retry(
            maxRetries = 5,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            jitter = 100,
            abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = events.actFor(record, Topics.ROSTER_EVENTS, "a roster event");
        tracing.process(
                Topics.ROSTER_EVENTS, event, () -> database.apply(Topics.ROSTER_EVENTS, () -> inbox.receive(event)));
    }
}
