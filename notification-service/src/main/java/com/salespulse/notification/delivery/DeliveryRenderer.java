package com.salespulse.notification.delivery;

import com.salespulse.notification.channel.RenderedMessage;
import com.salespulse.notification.subscription.Subscription;

/**
 * Turns a queued delivery into what its channel sends, in the subscriber's language and time zone. The message
 * feature implements it: it reads alerts and digests, which queue deliveries, so the queue only names what it needs.
 */
public interface DeliveryRenderer {

    RenderedMessage render(Delivery delivery, Subscription subscription);
}
