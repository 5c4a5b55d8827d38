package com.salespulse.notification.event;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What every consumer of this service does with a record before its inbox sees it: decode the CloudEvent, refuse one
 * of another topic as malformed (so it goes to the dead-letter topic with the reason, not retried), and act as the
 * system for the event's tenant.
 */
@ApplicationScoped
public class TopicEvents {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ActingScope acting;

    public TopicEvents(ActingScope acting) {
        this.acting = acting;
    }

    /**
     * The record's event, acting for its tenant from here on.
     *
     * @param topic the topic the consumer reads
     * @param what what an event of it is, for the refusal: "an alert event"
     */
    public ReceivedEvent actFor(ConsumerRecord<String, byte[]> record, String topic, String what) {
        ReceivedEvent event = codec.decode(record.value());
        if (!topic.equals(event.type().topic())) {
            throw new MalformedEventException(
                    "not " + what + ": " + event.type().type());
        }
        acting.actAs(event.metadata().tenant(), NotificationConfig.SYSTEM_ACTOR);
        return event;
    }
}
