package com.salespulse.analytics.projection;

import com.salespulse.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Parks a record that can never be applied on {@link Topics#ANALYTICS_DEAD_LETTER}: the record as it was, its key,
 * and headers saying where it came from and why (the same header names SmallRye's dead-letter strategy uses). The
 * send is awaited, so the record's offset is committed only once it is parked.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;

    public DeadLetters(Producer<String, byte[]> producer, MeterRegistry registry) {
        this.producer = producer;
        this.registry = registry;
    }

    public void park(ConsumerRecord<String, byte[]> record, Exception reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", reason.getMessage());
        header(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        try {
            producer.send(new ProducerRecord<>(
                            Topics.ANALYTICS_DEAD_LETTER, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while parking a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not park record " + where(record) + " on the dead-letter topic", e);
        }
        registry.counter("salespulse.events.dead-lettered", "topic", record.topic())
                .increment();
        LOG.warnf("Record %s sent to the dead-letter topic: %s", where(record), reason.getMessage());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
