package com.salespulse.notification.channel;

import com.salespulse.notification.delivery.Delivery;
import com.salespulse.notification.message.RenderedMessage;
import com.salespulse.notification.subscription.Channel;
import com.salespulse.notification.subscription.Subscription;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends a multipart e-mail (plain text and HTML) over SMTP through quarkus-mailer (quarkus.mailer.*). */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final Mailer mailer;

    public EmailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public AttemptResult send(Delivery delivery, Subscription subscription, RenderedMessage message) {
        try {
            mailer.send(Mail.withText(subscription.email, message.subject(), message.text())
                    .setHtml(message.html())
                    .addHeader("X-SalesPulse-Delivery", delivery.id.toString()));
            return AttemptResult.accepted(null);
        } catch (RuntimeException e) {
            return AttemptResult.failed(null, "SMTP: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? "the mail server refused the message" : cause.getMessage();
    }
}
