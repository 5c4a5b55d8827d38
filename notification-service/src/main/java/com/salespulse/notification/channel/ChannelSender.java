package com.salespulse.notification.channel;

import java.util.UUID;

/** Sends one message over one protocol. Never throws: every failure is an {@link AttemptResult} to retry on. */
public interface ChannelSender {

    Channel channel();

    /**
     * Sends the message of delivery {@code deliveryId} (the same id on every retry, so receivers can drop repeats) to
     * the recipient, for the tenant acted for.
     */
    AttemptResult send(UUID deliveryId, Recipient to, RenderedMessage message);
}
