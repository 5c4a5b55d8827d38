package com.salespulse.analytics.ingest;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.salespulse.analytics.alert.AlertEngine;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.Topics;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads the suite's event topics into the read model. Records of one partition are applied one at a time, in order.
 * A transient failure (the database briefly away) is retried here, each attempt in a fresh transaction; a
 * malformed record is not retried and goes to the dead-letter topic with the reason (see application.properties).
 */
@ApplicationScoped
public class DomainEventConsumer {

    private static final Logger LOG = Logger.getLogger(DomainEventConsumer.class);

    private final EventApplier applier;
    private final ReadModelGenerations generations;
    private final AlertEngine alerts;
    private final MeterRegistry registry;

    public DomainEventConsumer(EventApplier applier, ReadModelGenerations generations, AlertEngine alerts,
            MeterRegistry registry) {
        this.applier = applier;
        this.generations = generations;
        this.alerts = alerts;
        this.registry = registry;
    }

    @Incoming(Topics.LEAD_EVENTS)
    @Blocking
    @Retry(maxRetries = 5, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, abortOn = MalformedEventException.class)
    public void consumeLeadEvents(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    @Incoming(Topics.ROSTER_EVENTS)
    @Blocking
    @Retry(maxRetries = 5, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, abortOn = MalformedEventException.class)
    public void consumeRosterEvents(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    @Incoming(Topics.DEAL_EVENTS)
    @Blocking
    @Retry(maxRetries = 5, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, abortOn = MalformedEventException.class)
    public void consumeDealEvents(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            EventApplier.Applied applied = generations.withLive(gen -> applier.apply(gen, record.value()));
            EventApplier.Outcome outcome = applied.outcome();
            if (outcome == EventApplier.Outcome.APPLIED) {
                alerts.changed(applied.tenant());
            }
            registry.counter("salespulse.events.consumed", "topic", record.topic(), "outcome", outcome.name().toLowerCase())
                    .increment();
        } catch (MalformedEventException e) {
            registry.counter("salespulse.events.consumed", "topic", record.topic(), "outcome", "malformed").increment();
            LOG.warnf("Malformed record %s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            throw e;
        }
    }
}
