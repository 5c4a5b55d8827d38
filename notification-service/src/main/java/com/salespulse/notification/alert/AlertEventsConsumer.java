package com.salespulse.notification.alert;

import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.Topics;
import com.salespulse.notification.event.TopicEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the alert topic, one record of a partition at a time, and acts for the event's tenant. A transient failure
 * is retried, each attempt in a fresh transaction ({@link AlertInbox} is a separate bean for that reason); a record
 * that is not an alert event goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class AlertEventsConsumer {

    private final TopicEvents events;
    private final AlertInbox inbox;

    public AlertEventsConsumer(TopicEvents events, AlertInbox inbox) {
        this.events = events;
        this.inbox = inbox;
    }

    @Incoming(Topics.ALERT_EVENTS)
    @Blocking
    @ActivateRequestContext
    @Retry(
            maxRetries = 5,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            jitter = 100,
            abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.receive(events.actFor(record, Topics.ALERT_EVENTS, "an alert event"));
    }
}
