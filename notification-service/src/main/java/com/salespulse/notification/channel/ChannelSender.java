package com.salespulse.notification.channel;

import com.salespulse.notification.delivery.Delivery;
import com.salespulse.notification.message.RenderedMessage;
import com.salespulse.notification.subscription.Channel;
import com.salespulse.notification.subscription.Subscription;

/** Sends one message over one protocol. Never throws: every failure is an {@link AttemptResult} to retry on. */
public interface ChannelSender {

    Channel channel();

    AttemptResult send(Delivery delivery, Subscription subscription, RenderedMessage message);
}
