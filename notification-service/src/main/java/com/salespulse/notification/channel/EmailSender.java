package com.salespulse.notification.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

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
    public AttemptResult send(UUID deliveryId, Recipient to, RenderedMessage message) {
        try {
            mailer.send(Mail.withText(to.email(), message.subject(), message.text())
                    .setHtml(message.html())
                    .addHeader("X-SalesPulse-Delivery", deliveryId.toString()));
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
