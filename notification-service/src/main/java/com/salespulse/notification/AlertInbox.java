package com.salespulse.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.ConsumedEvents;

/**
 * Takes in one alert record: records it as consumed in the same transaction that will schedule its deliveries, so
 * a redelivered alert sends nothing twice. Subscriptions and channels come with the notification issue; until then
 * an alert is recorded and logged.
 */
@ApplicationScoped
public class AlertInbox {

    private static final Logger LOG = Logger.getLogger(AlertInbox.class);

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ConsumedEvents consumed;

    public AlertInbox(ConsumedEvents consumed) {
        this.consumed = consumed;
    }

    /**
     * @throws MalformedEventException when the record is not an alert event
     */
    @Transactional
    public void receive(byte[] record) {
        ReceivedEvent event = codec.decode(record);
        if (!Topics.ALERT_EVENTS.equals(event.type().topic())) {
            throw new MalformedEventException("not an alert event: " + event.type().type());
        }
        if (consumed.firstDelivery(event.metadata(), event.type())) {
            LOG.infof("Alert %s for tenant %s received", event.metadata().id(), event.metadata().tenant());
        }
    }
}
