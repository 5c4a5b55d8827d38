package com.salespulse.notification.channel;

/**
 * A delivery as its channel sends it: the subject and the two bodies for e-mail, the text for the bot, and the JSON
 * body of a webhook.
 */
public record RenderedMessage(String subject, String text, String html, String webhookBody) {}
