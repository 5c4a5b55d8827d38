package com.salespulse.notification.channel;

/** How a subscriber is reached. */
public enum Channel {
    /** A signed JSON POST to the subscriber's URL (Standard Webhooks). */
    WEBHOOK,
    /** An e-mail over SMTP, plain text and HTML. */
    EMAIL,
    /** A message through a Telegram-style bot API (sendMessage to a chat). */
    BOT
}
