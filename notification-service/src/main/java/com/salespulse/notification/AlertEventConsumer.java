package com.salespulse.notification;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.Topics;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads the alert topic, one record of a partition at a time. A transient failure is retried, each attempt in a
 * fresh transaction ({@link AlertInbox} is a separate bean for that reason); a record that is not an alert event
 * goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class AlertEventConsumer {

    private final AlertInbox inbox;

    public AlertEventConsumer(AlertInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(Topics.ALERT_EVENTS)
    @Blocking
    @Retry(maxRetries = 5, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.receive(record.value());
    }
}
